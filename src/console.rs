//! Messages to the terminal that never bring praxis down.
//!
//! `println!` panics when stdout is gone (`praxis build 2>&1 | head -1`
//! closes the pipe after one line). A closed terminal is not a reason to
//! stop building a site or answering a form: praxis drops what it cannot
//! print and runs to its end, with the exit status it would have had.
//! Every message goes through [`outln!`](crate::outln) and
//! [`errln!`](crate::errln).

/// `println!` that ignores a closed or failing stdout.
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::writeln!(::std::io::stdout(), $($arg)*);
    }};
}

/// `eprintln!` that ignores a closed or failing stderr.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {{
        use ::std::io::Write as _;
        let _ = ::std::writeln!(::std::io::stderr(), $($arg)*);
    }};
}
