/* placeholder: being written */
typedef int pk_placeholder_;
