//! The form server's errors in a praxis built without the `forms-server`
//! feature: types without a value, under the paths the full build gives
//! them, so that the command errors (src/error.rs) name them in
//! every build, and none can ever be made. What asks for the form server
//! (`praxis forms …`) says that it is missing instead
//! (`commands/forms_without.rs`).

/// An error type that cannot happen in this build.
macro_rules! impossible {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug)]
        pub enum $name {}

        impl std::fmt::Display for $name {
            fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match *self {}
            }
        }

        impl std::error::Error for $name {}

        impl crate::diagnostics::Help for $name {}
    };
}

pub mod endpoint {
    impossible!(
        /// Why the endpoint cannot take submissions: it is not in this build.
        Unavailable
    );
    impossible!(
        /// A database where anyone could download it: no database here.
        MisplacedDatabase
    );
}

pub mod export {
    impossible!(
        /// Why submissions cannot be exported: none are read here.
        ExportError
    );
}

pub mod pull {
    impossible!(
        /// Why a pull failed: there is no pull here.
        PullError
    );
}

pub mod store {
    impossible!(
        /// Why the store failed: there is no store here.
        StoreError
    );
}
