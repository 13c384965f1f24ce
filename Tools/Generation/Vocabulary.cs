namespace Rds.Tools.Generation;

/// <summary>
/// The fixed word lists the synthetic registry draws from. Changing any list changes every generated file,
/// so treat them as part of the output format.
/// </summary>
internal static class Vocabulary
{
    /// <summary>First part of ordinary labels: letters only, so a label splits back into its parts.</summary>
    public static readonly string[] Adjectives =
    [
        "amber", "ancient", "azure", "bold", "brave", "bright", "brisk", "calm", "clever", "cosy",
        "crimson", "crisp", "daily", "dapper", "eager", "early", "electric", "emerald", "epic", "fair",
        "fancy", "fast", "fine", "first", "fresh", "friendly", "frosty", "gentle", "giant", "golden",
        "grand", "green", "happy", "hidden", "honest", "humble", "indigo", "iron", "jolly", "keen",
        "kind", "lively", "local", "lucky", "lunar", "magic", "mellow", "merry", "mighty", "modern",
        "noble", "northern", "olive", "open", "orange", "pacific", "plain", "polar", "prime", "proud",
        "purple", "quick", "quiet", "rapid", "rustic", "sandy", "scarlet", "secret", "silver", "simple",
        "smart", "solar", "southern", "sunny", "swift", "tidy", "urban", "velvet", "vivid", "wild",
    ];

    public static readonly string[] Nouns =
    [
        "acorn", "anchor", "apple", "arrow", "atlas", "bakery", "barn", "beacon", "bear", "bicycle",
        "bird", "boat", "book", "bridge", "brook", "cabin", "camera", "candle", "canyon", "castle",
        "cedar", "cloud", "clover", "coast", "comet", "compass", "cottage", "crane", "creek", "crown",
        "desk", "dolphin", "dragon", "falcon", "farm", "feather", "field", "fjord", "forest", "fox",
        "garden", "garage", "glacier", "guitar", "harbor", "hawk", "hill", "horizon", "island", "kettle",
        "kitchen", "lagoon", "lantern", "leaf", "lemon", "lion", "lotus", "maple", "meadow", "mill",
        "moon", "mountain", "oak", "ocean", "orchard", "otter", "owl", "panda", "pebble", "pepper",
        "pine", "planet", "pond", "quill", "rabbit", "raven", "reef", "river", "robin", "rocket",
        "saddle", "sail", "salmon", "spoon", "spring", "star", "stone", "studio", "summit", "teapot",
        "thistle", "tiger", "tower", "trail", "tulip", "valley", "violin", "wagon", "whale", "willow",
    ];

    /// <summary>Optional last part of ordinary labels; each starts with a hyphen (or is empty) so it is unambiguous.</summary>
    public static readonly string[] Qualifiers =
    [
        "", "-shop", "-online", "-group", "-studio", "-labs", "-co", "-net", "-hub", "-works",
        "-store", "-cafe", "-travel", "-news", "-blog", "-club", "-media", "-tech", "-design", "-home",
        "-market", "-consulting", "-photo", "-events", "-law", "-clinic", "-school",
    ];

    /// <summary>U-labels in NFC, lower case, no digits: Latin with diacritics, Cyrillic, Greek, Han, Kana, Hangul.</summary>
    public static readonly string[] IdnWords =
    [
        "bücher", "müller", "café", "français", "españa", "niño", "zürich", "köln", "düsseldorf", "crème",
        "łódź", "český", "ålesund", "smørrebrød", "例え", "東京", "日本語", "テスト", "中文", "北京",
        "пример", "москва", "книга", "тест", "київ", "δοκιμή", "αθήνα", "한국", "서울", "ñandú",
    ];

    /// <summary>Stems of abusive bulk registrations; letters and hyphens only, never ending in a hyphen.</summary>
    public static readonly string[] CampaignStems =
    [
        "secure-login-bank", "account-verify", "wallet-restore", "parcel-redelivery", "mailbox-upgrade",
        "tax-refund-claim", "support-ticket", "signin-portal", "invoice-view", "prize-claim", "crypto-bonus",
        "password-reset", "billing-update", "delivery-fee", "unlock-account", "gift-card-reward",
    ];

    /// <summary>Fictitious brands that phishing names imitate.</summary>
    public static readonly string[] ImitatedBrands =
    [
        "contoso", "fabrikam", "woodgrove", "northwind", "tailspin", "litware", "adventureworks", "wingtip",
    ];

    public static readonly string[] FirstNames =
    [
        "Anna", "Ben", "Carla", "David", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas",
        "Keiko", "Lars", "Maria", "Nikolai", "Olivia", "Pavel", "Quentin", "Rosa", "Samir", "Tanja",
        "Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zofia", "Amir", "Bianca", "Chen", "Dmitri",
        "Eva", "Felix", "Hana", "Igor", "Julia", "Kofi", "Lea", "Mateo", "Nora", "Oskar",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Garcia", "Mueller", "Rossi", "Dubois", "Kowalski", "Novak", "Jensen", "Tanaka", "Kim",
        "Ivanov", "Silva", "Okafor", "Haddad", "Nguyen", "Larsen", "Fischer", "Moreau", "Costa", "Svensson",
        "Petrov", "Yamamoto", "Schmidt", "Lopez", "Andersen", "Bianchi", "Horvat", "Walsh", "Murphy", "Singh",
        "Cohen", "Berg", "Virtanen", "Popescu", "Papadopoulos", "Wagner", "Martin", "Ali", "Sato", "Brown",
    ];

    public static readonly string[] StreetNames =
    [
        "Main", "High", "Station", "Church", "Mill", "Park", "Market", "Harbour", "Oak", "Elm",
        "Lake", "Bridge", "Garden", "King", "Queen", "School", "Victoria", "Castle", "River", "Hill",
    ];

    public static readonly string[] StreetKinds = ["Street", "Road", "Avenue", "Lane", "Way", "Square"];

    /// <summary>Where contacts live; phone prefixes are E.164 country codes.</summary>
    public static readonly Locality[] Localities =
    [
        new("Springfield", "IL", "627##", "US", "1"),
        new("Portland", "OR", "972##", "US", "1"),
        new("Austin", "TX", "787##", "US", "1"),
        new("Toronto", "ON", "M5V #A#", "CA", "1"),
        new("London", null, "EC1A #AA", "GB", "44"),
        new("Manchester", null, "M1 #AA", "GB", "44"),
        new("Berlin", "BE", "10###", "DE", "49"),
        new("Munich", "BY", "80###", "DE", "49"),
        new("Paris", null, "750##", "FR", "33"),
        new("Lyon", null, "690##", "FR", "33"),
        new("Amsterdam", "NH", "10## AB", "NL", "31"),
        new("Stockholm", null, "11# ##", "SE", "46"),
        new("Helsinki", null, "00###", "FI", "358"),
        new("Warsaw", null, "00-###", "PL", "48"),
        new("Prague", null, "110 00", "CZ", "420"),
        new("Madrid", "M", "280##", "ES", "34"),
        new("Rome", "RM", "001##", "IT", "39"),
        new("Lisbon", null, "1100-###", "PT", "351"),
        new("Tokyo", "13", "100-####", "JP", "81"),
        new("Seoul", null, "0####", "KR", "82"),
        new("Sydney", "NSW", "2000", "AU", "61"),
        new("Sao Paulo", "SP", "01###-000", "BR", "55"),
        new("Mumbai", "MH", "400 0##", "IN", "91"),
        new("Singapore", null, "0#####", "SG", "65"),
        new("Lagos", "LA", "1000##", "NG", "234"),
    ];

    /// <summary>Mailbox providers, all under reserved names (RFC 2606).</summary>
    public static readonly string[] MailDomains = ["mail.example", "post.test", "inbox.example", "webmail.test", "mailbox.test"];

    public static readonly string[] CompanyForms = ["Ltd", "GmbH", "Inc.", "SARL", "B.V.", "AB", "Oy", "S.L.", "LLC", "K.K."];

    public static readonly string[] ResellerNames =
    [
        "Hosting Bundle Reseller", "SiteBuilder Partners", "Budget Domains Direct", "Agency Web Services",
    ];
}
