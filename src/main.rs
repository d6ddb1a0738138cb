use std::process::ExitCode;

// A build makes and frees millions of small values (template contexts,
// Markdown events); mimalloc does that faster than the system allocator
// and gives the memory back in fewer, larger pieces.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match praxis::cli::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            error.print();
            error.exit_code()
        }
    }
}
