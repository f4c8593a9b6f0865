/// The document's identification: số/ký hiệu, place and date, type, title, what it implements.
public struct Header: Codable, Hashable, Sendable {
    /// "KẾ HOẠCH", "QUYẾT ĐỊNH", … as written.
    public var documentType: String?
    /// "645/KH-UBND"; nil when the Số line is absent or its number blank ("Số: /KH-UBND").
    public var number: String?
    /// The ký hiệu part ("KH-UBND"), kept even when the number is blank.
    public var symbol: String?
    /// The issuing body ("Ủy ban nhân dân xã Bình Lư").
    public var issuer: String?
    /// Where the issuer's name was read: the header block or the enacting clause ("… ban hành Kế hoạch").
    public var issuerSource: IssuerSource?
    /// The place of issue from the place and date line ("Bình Lư"); nil when not written.
    public var place: String?
    /// The date of issue; nil when the place and date line has none.
    public var date: PlanDate?
    /// The trích yếu, joined over its lines.
    public var title: String?
    /// The years the plan covers, from its title or else its enacting clause; nil when neither gives them.
    public var period: Period?
    /// The administrative unit the plan covers, from its title or else its enacting clause or issuer;
    /// nil when none of them names one.
    public var locality: Locality?
    /// The documents the plan implements ("Thực hiện Kế hoạch số 1303/KH-UBND …").
    public var basis: [BasisDocument]

    /// A header; every field absent unless given.
    public init(documentType: String? = nil, number: String? = nil, symbol: String? = nil, issuer: String? = nil,
                issuerSource: IssuerSource? = nil, place: String? = nil, date: PlanDate? = nil, title: String? = nil,
                period: Period? = nil, locality: Locality? = nil, basis: [BasisDocument] = []) {
        self.documentType = documentType
        self.number = number
        self.symbol = symbol
        self.issuer = issuer
        self.issuerSource = issuerSource
        self.place = place
        self.date = date
        self.title = title
        self.period = period
        self.locality = locality
        self.basis = basis
    }
}

/// Where ``Header/issuer`` was read: the header block or the enacting clause.
public enum IssuerSource: String, Codable, Hashable, Sendable {
    case header, enactingClause
}

/// The years a plan covers ("giai đoạn 2021-2025" → 2021…2025; "năm 2022" → 2022…2022).
public struct Period: Codable, Hashable, Sendable {
    /// The first year covered.
    public var from: Int
    /// The last year covered, inclusive.
    public var to: Int

    /// The years `from` through `to`.
    public init(from: Int, to: Int) {
        self.from = from
        self.to = to
    }
}

/// The administrative unit a plan covers, read from its title, else from its enacting clause or issuer.
public struct Locality: Codable, Hashable, Sendable {
    /// The unit's level, by the word before its name ("xã" → commune).
    public var level: Level
    /// The unit's name without its level word ("Bình Lư").
    public var name: String

    /// Province (tỉnh, and cities under the central government); district (huyện, quận, thị xã,
    /// thành phố); commune (xã, phường, thị trấn).
    public enum Level: String, Codable, Hashable, Sendable {
        case province, district, commune
    }

    /// A unit of `level` named `name`.
    public init(level: Level, name: String) {
        self.level = level
        self.name = name
    }
}

/// A document the plan says it implements.
public struct BasisDocument: Codable, Hashable, Sendable {
    /// "Kế hoạch", "Nghị quyết", "Công văn", …
    public var kind: String
    /// Its số/ký hiệu ("8416/KH-UBND"); nil when not written (laws cited by name).
    public var number: String?
    /// Its date of issue; nil when not written.
    public var date: PlanDate?
    /// The body that issued it ("Ủy ban nhân dân tỉnh Lai Châu"); nil when not named.
    public var issuer: String?
    /// The clause that cites it ("Thực hiện Kế hoạch số 8416/KH-UBND ngày 26/12/2025 của …").
    public var text: String
    /// Where that clause is.
    public var span: SourceSpan

    /// A cited document as read from the preamble.
    public init(kind: String, number: String?, date: PlanDate?, issuer: String?, text: String, span: SourceSpan) {
        self.kind = kind
        self.number = number
        self.date = date
        self.issuer = issuer
        self.text = text
        self.span = span
    }
}

/// The signature block: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name".
public struct Signature: Codable, Hashable, Sendable {
    /// The "TM." line: on whose behalf the plan is signed ("TM. ỦY BAN NHÂN DÂN"); nil when absent.
    public var onBehalf: String?
    /// The "KT.", "TL.", "TUQ." or "Q." line ("KT. CHỦ TỊCH"); nil when the head signs in person.
    public var delegation: String?
    /// The signer's title ("PHÓ CHỦ TỊCH"); nil when absent.
    public var title: String?
    /// The signer's name; nil when the block names none (PK021).
    public var name: String?
    /// The signature block's lines.
    public var span: SourceSpan

    /// A signature block as read from the closing.
    public init(onBehalf: String?, delegation: String?, title: String?, name: String?, span: SourceSpan) {
        self.onBehalf = onBehalf
        self.delegation = delegation
        self.title = title
        self.name = name
        self.span = span
    }
}
