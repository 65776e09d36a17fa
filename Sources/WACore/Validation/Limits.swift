/// Field limits: the seed's column sizes and the WhatsApp Cloud API's message limits.
public enum Limits {
    /// `varchar(255)`: ids, names, WhatsApp message ids, key hashes.
    public static let identifier = 255
    /// `varchar(20)`: phone numbers.
    public static let phone = 20
    /// `varchar(50)`: error codes and template categories.
    public static let errorCode = 50
    /// `varchar(50)`: template categories.
    public static let category = 50
    /// `varchar(10)`: template languages.
    public static let language = 10
    /// The Cloud API's limit on a text message body.
    public static let textBody = 4096
    /// The Cloud API's limit on a media caption.
    public static let caption = 1024
    /// The Cloud API's limit on a template body.
    public static let templateBody = 1024
    /// URLs and free text without a column limit still get one, so a runaway input cannot
    /// fill the database: 64 KiB characters.
    public static let longText = 65_536
}
