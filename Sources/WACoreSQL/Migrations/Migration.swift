/// One versioned schema change: the contents of `VERSION_NAME.up.sql` and `.down.sql`.
package struct Migration: Sendable, Hashable {
    /// `YYYYMMDDHHMMSS`, the order migrations apply in.
    package var version: Int64
    /// The description part of the file name.
    package var name: String
    package var up: String
    package var down: String

    package init(version: Int64, name: String, up: String, down: String) {
        self.version = version
        self.name = name
        self.up = up
        self.down = down
    }
}
