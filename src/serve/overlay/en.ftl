# Over a page of praxis serve while the last build failed, above its errors.
overlay-failed = The last build failed: this page is the last good version, if there was one. Fix the file and it reloads.
