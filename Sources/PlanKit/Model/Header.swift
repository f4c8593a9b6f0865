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
    public var place: String?
    public var date: PlanDate?
    /// The trích yếu, joined over its lines.
    public var title: String?
    public var period: Period?
    public var locality: Locality?
    /// The documents the plan implements ("Thực hiện Kế hoạch số 1303/KH-UBND …").
    public var basis: [BasisDocument]

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

public enum IssuerSource: String, Codable, Hashable, Sendable {
    case header, enactingClause
}

/// The years a plan covers ("giai đoạn 2021-2025" → 2021…2025; "năm 2022" → 2022…2022).
public struct Period: Codable, Hashable, Sendable {
    public var from: Int
    public var to: Int

    public init(from: Int, to: Int) {
        self.from = from
        self.to = to
    }
}

/// The administrative unit a plan covers, read from its title.
public struct Locality: Codable, Hashable, Sendable {
    public var level: Level
    public var name: String

    public enum Level: String, Codable, Hashable, Sendable {
        case province, district, commune
    }

    public init(level: Level, name: String) {
        self.level = level
        self.name = name
    }
}

/// A document the plan says it implements.
public struct BasisDocument: Codable, Hashable, Sendable {
    /// "Kế hoạch", "Nghị quyết", "Công văn", …
    public var kind: String
    public var number: String?
    public var date: PlanDate?
    public var issuer: String?
    public var text: String
    public var span: SourceSpan

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
    public var onBehalf: String?
    public var delegation: String?
    public var title: String?
    public var name: String?
    public var span: SourceSpan

    public init(onBehalf: String?, delegation: String?, title: String?, name: String?, span: SourceSpan) {
        self.onBehalf = onBehalf
        self.delegation = delegation
        self.title = title
        self.name = name
        self.span = span
    }
}
