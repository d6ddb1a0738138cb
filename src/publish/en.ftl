# praxis publish: what it says while sending the site to its host.

plan = { $to } ({ $kind }): { $added ->
        [one] { $added } new file
       *[other] { $added } new files
    }, { $changed } changed, { $removed } removed; { $size } to send.
plan-added = new
plan-changed = changed
plan-removed = removed
nothing = { $to } is already up to date: nothing to publish.
dry-run = Nothing was sent: this was a dry run (--dry-run).
ask = Publish these changes? [y/N]
sending = sending
done = Published { $sent ->
        [one] { $sent } file
       *[other] { $sent } files
    } ({ $size }), removed { $removed }, to { $to } in { $seconds } s.
after = Ran on the host: { $command }

no-targets = site.toml names no place to publish to.
no-targets-help = add a [publish.site] table with to = "ssh://you@your-host/path/to/site" (the README's Publishing section shows each kind of host)
unknown-target = site.toml has no [publish.{ $name }].
unknown-target-help = publish to one of: { $known }
url-mismatch = [publish.{ $name }] says the site is served at { $url }, but base_url is { $base }: its links and its address for search engines would point elsewhere.
url-mismatch-help = make base_url in site.toml the address the site is served at, or correct url in [publish.{ $name }]
needs-yes = praxis publish asks before it changes anything on the host, but there is no terminal to ask on.
needs-yes-help = add --yes to publish without asking, or --dry-run to see what would change
declined = Nothing was published.
not-ours = { $to } holds files praxis did not put there ({ $found }): nothing was changed.
not-ours-help = choose an empty folder for the site; if this one holds only an older copy of it, empty it first
damaged-record = The record of what praxis sent to { $to } ({ $record }) is damaged: nothing was changed.
damaged-record-help = empty the folder on the host (the record with it), then publish again
not-installed = { $program } is not installed on this computer.
not-installed-help = install it (Debian or Ubuntu: sudo apt install { $package }; macOS: brew install { $package }), or publish another way
host-key = { $host } did not show the key this computer knows for it: nothing was sent.
host-key-help = if the host was reinstalled or moved, ask its administrator for its key's fingerprint, check it, and correct ~/.ssh/known_hosts; if not, someone may stand between you and the host
unknown-host = This computer does not know { $host }'s key yet: nothing was sent.
unknown-host-help = connect once with `ssh { $login }`, and check the fingerprint it shows against the one your host gave you
key-refused = { $host } refused your SSH key: nothing was sent.
key-refused-help = check the user name in the URL, and that your public key is on the host (`ssh-copy-id { $login }` puts it there)
unreachable = Cannot reach { $host }: { $detail }
unreachable-help = check the host's name and port in site.toml, and your network connection
no-rsync-there = { $host } has no rsync.
no-rsync-there-help = install rsync on the host, or publish over sftp:// instead of ssh://
no-room = { $to } has no room left: the site it serves is as it was.
no-room-help = make room on the host, then publish again
failed = Publishing to { $to } failed: { $detail }
failed-help = publish again: it finishes what was started, and the site there stays whole until then
branch-moved = The branch { $branch } changed while praxis was publishing to it: nothing was changed.
branch-moved-help = publish again
folder-clash = { $detail }
folder-clash-help = choose a folder of its own for the published site, outside the site's sources
no-permission = { $login } may not write in { $path } on { $host }: nothing was changed there.
no-permission-help = ask whoever runs the host to let { $login } write there, or choose a folder of yours
in-the-way = The new site would write over files of yours on { $to } that praxis did not put there: { $paths }. Nothing was changed.
in-the-way-help = move them elsewhere on the host (a file meant to be published goes in static/), then publish again
folder-not-writable = praxis cannot write in { $folder }, where it makes the new site beside the old one before they change places: nothing was changed.
folder-not-writable-help = give yourself write access to { $folder }, or choose a folder inside one that is yours
unspoken = praxis publish speaks Dutch, French and English, not “{ $lang }”.
unspoken-help = pass --lang nl, --lang fr or --lang en
kind-folder = folder
kind-rsync = rsync over SSH
kind-sftp = SFTP
kind-git = git
plan-line = { $label }: { $path }
