//! Entities, mentions and speaker resolution.
//!
//! Mentions come from three places: the entity tagger's names (people, organisations,
//! places), attribution sources (whatever noun phrase or pronoun the extractor found), and
//! the affiliations of anonymous sources. They are read in text order and each is either
//! linked to an entity already seen or starts a new one:
//!
//! * **names**: a person's last name joins the person with that last name ("Peskov" → "Dmitry
//!   Peskov"); an organisation joins one with the same words (ignoring "the") or whose
//!   acronym it is;
//! * **pronouns**: *he/she* go to a person, *it* to an organisation, media outlet or
//!   document, *they* to a group, organisation or plural anonymous source; candidates are
//!   scored by sentence distance, subject position and whether they were speakers, and
//!   gender (from titles such as *spokeswoman*, *Mr*, and earlier pronouns) must agree;
//!   *I/we* inside a quotation go to the quoted speaker; *who/which/that* to the noun the
//!   relative clause modifies;
//! * **nominals**: *the company*, *the ministry*, *the spokesman* join the most recent entity
//!   one of whose mentions has that word, else the most recent entity of the right class;
//! * **anonymous sources**: a person/source/official noun (with an anonymity phrase, any noun
//!   with a person sense, or *those*) without a name and with an
//!   indefinite determiner, a number, or an anonymity phrase (*unnamed*, *familiar with*,
//!   *close to*, *who asked not to be named*) becomes an `anonymous` entity; its affiliation is
//!   the organisation after *close to / in / at / from / within*; *the person*, *one of them*
//!   refer back to it.

use hearsay_doc::{
    Anonymous, Doc, Entity, EntityType, Mention, MentionForm, NameKind, TokenId, TokenSpan,
};

use std::collections::HashMap;

use crate::util::{self, Tree};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Unknown,
    Male,
    Female,
}

/// Working state of one entity.
struct Ent {
    etype: EntityType,
    name: TokenSpan,
    /// Whether `name` came from a proper name (those win over nominals).
    proper: bool,
    gender: Gender,
    plural: bool,
    /// Lower-cased words of all its mentions.
    words: Vec<String>,
    /// Lower-cased words of its proper names.
    name_words: Vec<String>,
    /// Descriptor of an anonymous source.
    descriptor: Option<TokenSpan>,
    affiliation: Option<u32>,
    /// Has been the speaker of an attribution.
    spoke: bool,
    /// A one-word name in a headline, typed an organisation for want of a full name ("Trump"
    /// in "Pence: … Trump Was 'Mocking' Clinton Camp"): a person's full name later claims it.
    lone_person: bool,
}

/// A mention as resolution sees it.
struct Seen {
    at: TokenId,
    sentence: u32,
    paragraph: u32,
    entity: u32,
    subject: bool,
    /// Subject of the sentence's main verb.
    main_subject: bool,
    speaker: bool,
    /// Inside an outer attribution's content (someone else's words).
    reported: Option<TokenSpan>,
    /// "One of the former employees": one member of a plural entity, so *she* may follow.
    one_of: bool,
}

struct State<'d> {
    doc: &'d Doc,
    tree: &'d Tree,
    ents: Vec<Ent>,
    mentions: Vec<Mention>,
    seen: Vec<Seen>,
    /// Every content piece, sorted by start, with whether its attribution is an outer one.
    contents: Vec<(TokenSpan, bool)>,
    /// Entity ids by name word (last word, first word, acronym), to find a name's entity
    /// without scanning them all.
    by_word: HashMap<String, Vec<u32>>,
    /// Entities described by a common noun phrase, by its words ("analysts at brenner bank").
    by_description: HashMap<String, u32>,
}

/// How many recent mentions pronoun and nominal resolution look back over (a bound that
/// keeps huge single-paragraph inputs linear; ordinary articles have far fewer).
const LOOKBACK: usize = 400;

/// What a pronoun's candidate gains when its known gender agrees with the pronoun's.
const GENDER_AGREES: f32 = 1.0;

const MEDIA_WORDS: &[&str] = &[
    "times",
    "post",
    "journal",
    "herald",
    "tribune",
    "gazette",
    "courier",
    "ledger",
    "wire",
    "news",
    "radio",
    "tv",
    "television",
    "broadcaster",
    "agency",
    "press",
    "daily",
    "observer",
    "guardian",
    "chronicle",
    "telegraph",
    "reuters",
    "interfax",
    "bloomberg",
    "tass",
    "xinhua",
    "magazine",
    "weekly",
    "monitor",
    "inquirer",
    "examiner",
    "dispatch",
    "sentinel",
    "star",
    "standard",
    "record",
    "mirror",
    "globe",
    "bulletin",
    "echo",
    "argus",
    "enquirer",
    "newsletter",
    "channel",
    "network",
    "station",
    "newspaper",
    "paper",
    "outlet",
    "tabloid",
    "podcast",
    "broadcasting",
    "cnn",
    "bbc",
    "afp",
    "ap",
];

/// Nouns for a published piece: "the report", "a … article". Their speaker is the outlet.
const PIECE_WORDS: &[&str] = &[
    "report",
    "article",
    "story",
    "column",
    "editorial",
    "piece",
    "reports",
    "articles",
];

/// Nouns for documents that "say" or "show".
const DOCUMENT_WORDS: &[&str] = &[
    "audit",
    "statement",
    "indictment",
    "lawsuit",
    "affidavit",
    "ruling",
    "judgment",
    "verdict",
    "testimony",
    "warrant",
    "study",
    "poll",
    "survey",
    "logs",
    "log",
    "documents",
    "document",
    "data",
    "figures",
    "emails",
    "email",
    "records",
    "memo",
    "letter",
    "filing",
    "filings",
    "minutes",
    "transcript",
    "review",
    "assessment",
    "analysis",
    "paper",
    "statistics",
    "research",
    "findings",
    "documents",
    "report",
    "receipts",
    "receipt",
    "recorder",
    "camera",
    "footage",
    "recording",
    "recordings",
    "results",
    "screenshot",
    "screenshots",
    "video",
    "photos",
    "photographs",
    "images",
    "notes",
    "files",
    "spreadsheet",
    "messages",
    "logbook",
    "logbooks",
    "invoices",
    "complaint",
    "complaints",
    "note",
    "advertisement",
    "ad",
    "ads",
    "tweet",
    "tweets",
    "post",
    "posts",
    "website",
    "petition",
    "notice",
    "bulletin",
    "presentation",
    "proposal",
    "draft",
    "dossier",
    "submission",
    "contract",
    "manual",
    "book",
    "article",
    "editorial",
    "blog",
    "documentary",
    "programme",
    "program",
    "film",
    "episode",
    "podcast",
];

/// Heads that make an unnamed source anonymous (with the right determiner or phrase).
const ANON_HEADS: &[&str] = &[
    "source",
    "sources",
    "official",
    "officials",
    "person",
    "people",
    "persons",
    "insider",
    "insiders",
    "aide",
    "aides",
    "diplomat",
    "diplomats",
    "employee",
    "employees",
    "executive",
    "executives",
    "staffer",
    "staffers",
    "worker",
    "workers",
    "officer",
    "officers",
    "individual",
    "individuals",
    "someone",
    "member",
    "members",
    "negotiator",
    "negotiators",
    "manager",
    "managers",
    "engineer",
    "engineers",
    "nurse",
    "nurses",
    "player",
    "players",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "lawmaker",
    "lawmakers",
    "councillor",
    "councillors",
    "councilor",
    "councilors",
    "investigator",
    "investigators",
    "colleague",
    "colleagues",
    "administrator",
    "administrators",
    "pilot",
    "pilots",
    "teacher",
    "teachers",
    "doctor",
    "doctors",
    "director",
    "directors",
    "scientist",
    "scientists",
    "researcher",
    "researchers",
    "contractor",
    "contractors",
    "staff",
];

/// Quantity nouns whose "of" phrase names the people ("a number of officials").
const QUANTITY_WORDS: &[&str] = &[
    "number", "handful", "group", "couple", "dozen", "dozens", "majority", "few",
];

/// Phrases that mark a withheld name.
const ANON_MARKERS: &[&str] = &[
    "unnamed",
    "anonymous",
    "anonymity",
    "named",
    "identified",
    "familiar",
    "close",
    "involved",
    "knowledge",
    "briefed",
    "authorised",
    "authorized",
    "senior",
    "name",
    "background",
];

/// Role nouns of people ("spokesman"), with gender where the word gives it.
fn role_gender(w: &str) -> Option<Gender> {
    Some(match w {
        "spokeswoman" | "chairwoman" | "businesswoman" | "mrs" | "mrs." | "ms" | "ms."
        | "madam" | "actress" | "congresswoman" | "councilwoman" | "mother" | "wife"
        | "daughter" | "sister" | "queen" | "princess" | "lady" | "dame" | "woman"
        | "grandmother" => Gender::Female,
        "spokesman" | "chairman" | "businessman" | "mr" | "mr." | "sir" | "actor"
        | "congressman" | "councilman" | "father" | "husband" | "son" | "brother" | "king"
        | "prince" | "lord" | "man" | "grandfather" => Gender::Male,
        _ => return None,
    })
}

const PERSON_ROLES: &[&str] = &[
    "dr",
    "dr.",
    "prof",
    "prof.",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "chairman",
    "chairwoman",
    "chair",
    "director",
    "secretary",
    "mayor",
    "governor",
    "senator",
    "chief",
    "ceo",
    "executive",
    "official",
    "lawyer",
    "attorney",
    "judge",
    "coach",
    "manager",
    "captain",
    "commander",
    "general",
    "colonel",
    "prosecutor",
    "economist",
    "analyst",
    "professor",
    "doctor",
    "leader",
    "head",
    "founder",
    "owner",
    "premier",
    "ambassador",
    "envoy",
    "adviser",
    "advisor",
    "candidate",
    "councillor",
    "councilor",
    "officer",
    "commissioner",
    "chancellor",
    "deputy",
    "sheriff",
    "inspector",
    "auditor",
    "researcher",
    "scientist",
    "author",
    "farmer",
    "resident",
    "witness",
    "nurse",
    "engineer",
    "pilot",
    "player",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "treasurer",
    "diplomat",
    "woman",
    "man",
];

/// Words in an organisation's name that a common noun stands for: "the union" is the
/// Metalworkers' Federation, "the airline" Corvane Airways, "the broadcaster" Norland Radio.
fn nominal_synonyms(noun: &str) -> &'static [&'static str] {
    match noun {
        "union" => &["federation", "confederation", "guild", "syndicate"],
        "airline" | "carrier" => &["airways", "airlines", "air"],
        "broadcaster" => &["radio", "television", "tv", "broadcasting"],
        "carmaker" | "automaker" => &["motors", "automotive", "auto", "cars"],
        "insurer" => &["insurance", "assurance"],
        "lender" => &["bank"],
        "railway" | "operator" => &["rail", "railways"],
        "utility" => &["water", "power", "energy", "electric", "electricity", "gas"],
        "club" | "team" => &[
            "united",
            "fc",
            "city",
            "rovers",
            "athletic",
            "town",
            "wanderers",
            "albion",
            "sporting",
        ],
        _ => &[],
    }
}

/// Nouns for a business ("the company", "the firm"): they never stand for a body named as
/// one of [`NOT_A_BUSINESS`].
const BUSINESS_WORDS: &[&str] = &[
    "company",
    "firm",
    "operator",
    "maker",
    "manufacturer",
    "contractor",
    "builder",
    "supplier",
    "producer",
    "publisher",
    "distributor",
    "exporter",
    "importer",
    "retailer",
    "developer",
    "corporation",
    "giant",
    "startup",
];

/// Last words of the names of bodies that are no business: "the company" is not the
/// Caldorian Dock and Harbour Workers' Union named before it.
const NOT_A_BUSINESS: &[&str] = &[
    "union",
    "federation",
    "confederation",
    "guild",
    "association",
    "party",
    "council",
    "committee",
    "league",
    "ministry",
    "university",
    "hospital",
    "school",
    "court",
    "alliance",
    "coalition",
    "movement",
    "society",
    "syndicate",
];

/// Nouns for organisations ("the company said").
const ORG_WORDS: &[&str] = &[
    "company",
    "firm",
    "group",
    "ministry",
    "department",
    "agency",
    "government",
    "council",
    "board",
    "authority",
    "operator",
    "maker",
    "manufacturer",
    "contractor",
    "builder",
    "supplier",
    "producer",
    "publisher",
    "distributor",
    "exporter",
    "importer",
    "carrier",
    "airline",
    "bank",
    "lender",
    "insurer",
    "retailer",
    "developer",
    "club",
    "team",
    "party",
    "union",
    "court",
    "hospital",
    "university",
    "school",
    "commission",
    "committee",
    "regulator",
    "office",
    "army",
    "military",
    "police",
    "service",
    "federation",
    "league",
    "association",
    "institute",
    "foundation",
    "corporation",
    "fund",
    "administration",
    "cabinet",
    "campaign",
    "utility",
    "giant",
    "startup",
    "producer",
    "supplier",
    "kremlin",
    "white",
    "state",
    "city",
    "county",
    "embassy",
    "parliament",
    "organisation",
    "organization",
    "network",
];

/// Last words of organisation names ("Halvard Pharmaceuticals", "Teskal Ports").
const ORG_SUFFIXES: &[&str] = &[
    "data",
    "analytics",
    "software",
    "ventures",
    "dynamics",
    "robotics",
    "therapeutics",
    "brands",
    "biotech",
    "electronics",
    "chemicals",
    "shipping",
    "pharmaceuticals",
    "pharma",
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "ltd",
    "ltd.",
    "plc",
    "llc",
    "ag",
    "sa",
    "gmbh",
    "group",
    "holdings",
    "systems",
    "technologies",
    "ports",
    "airlines",
    "airways",
    "energy",
    "bank",
    "motors",
    "industries",
    "partners",
    "capital",
    "labs",
    "logistics",
    "athletic",
    "rovers",
    "wanderers",
    "fc",
    "freight",
    "cargo",
    "transport",
    "rail",
    "railways",
    "aviation",
    "aerospace",
    "construction",
    "bau",
    "steel",
    "power",
    "oil",
    "petroleum",
    "utilities",
    "water",
    "healthcare",
    "medical",
    "textiles",
    "farms",
    "hotels",
    "studios",
    "securities",
    "investments",
    "mining",
    "marine",
    "foods",
    "homes",
    "insurance",
    "telecom",
    "communications",
    "media",
    "networks",
    "solutions",
    "services",
    "international",
    "co",
    "co.",
    "company",
    "authority",
    "ministry",
    "council",
    "commission",
    "union",
    "association",
    "institute",
    "university",
    "hospital",
    "party",
    "fund",
    "foundation",
    "federation",
    "ferries",
    "cycling",
    "works",
    "inspectorate",
    "directorate",
    "unit",
    "bureau",
    "regulator",
    "resources",
    "alliance",
    "coalition",
    "movement",
    "league",
    "society",
    "trust",
    "games",
    "tribunal",
    "trust",
];

/// Organisation nouns of government (versus companies): "the ministry" never means the
/// company mentioned last.
const GOVERNMENT_WORDS: &[&str] = &[
    "ministry",
    "department",
    "agency",
    "government",
    "council",
    "authority",
    "office",
    "commission",
    "committee",
    "administration",
    "cabinet",
    "kremlin",
    "parliament",
    "embassy",
    "court",
    "police",
    "army",
    "military",
    "board",
    "regulator",
    "service",
    "state",
    "city",
    "county",
    "municipality",
    "inspectorate",
    "directorate",
    "bureau",
    "tribunal",
    "ombudsman",
    "senate",
    "congress",
    "legislature",
    "assembly",
    "watchdog",
    "prosecutor",
    "prosecutors",
];

/// Generic plural sources that are groups, not anonymous.
const GROUP_WORDS: &[&str] = &[
    "family",
    "crew",
    "staff",
    "workforce",
    "analysts",
    "residents",
    "experts",
    "economists",
    "critics",
    "prosecutors",
    "investors",
    "shopkeepers",
    "fans",
    "voters",
    "activists",
    "campaigners",
    "observers",
    "scientists",
    "researchers",
    "parents",
    "traders",
    "farmers",
    "lawyers",
    "supporters",
    "opponents",
    "environmentalists",
    "witnesses",
    "locals",
    "customers",
    "passengers",
    "unions",
    "protesters",
    "students",
    "villagers",
    "families",
    "neighbours",
    "neighbors",
    "authorities",
    "regulators",
    "doctors",
    "health",
];

/// Does a name or noun phrase with these (lower-cased) words denote a news outlet? "agency"
/// alone does not: a product safety or space agency is an organisation, only a news or press
/// agency is media.
fn media_words<S: AsRef<str>>(words: &[S]) -> bool {
    let agency_ok = words
        .iter()
        .any(|w| matches!(w.as_ref(), "news" | "press" | "wire"));
    words
        .iter()
        .any(|w| is_in(MEDIA_WORDS, w.as_ref()) && (w.as_ref() != "agency" || agency_ok))
}

/// The lower-cased words of a span, punctuation left out.
fn lower_words(doc: &Doc, s: TokenSpan) -> Vec<String> {
    (s.start..s.end)
        .filter(|&t| !util::is_punct(doc, t))
        .map(|t| util::lower(doc, t))
        .collect()
}

fn is_in(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// Fill `doc.entities`, `doc.mentions`, and `speaker` / `anonymous` of every attribution.
pub fn resolve_speakers(doc: &mut Doc, tree: &Tree) {
    let (entities, mentions, speakers) = {
        let mut contents: Vec<(TokenSpan, bool)> = doc
            .attributions
            .iter()
            .flat_map(|a| {
                let outer = a.parent.is_none() && a.via.is_none();
                a.content.iter().map(move |&c| (c, outer))
            })
            .collect();
        contents.sort_by_key(|(c, _)| (c.start, c.end));
        let mut st = State {
            doc,
            tree,
            ents: Vec::new(),
            mentions: Vec::new(),
            seen: Vec::new(),
            contents,
            by_word: HashMap::new(),
            by_description: HashMap::new(),
        };
        let speakers = st.run();
        let entities: Vec<Entity> = st
            .ents
            .iter()
            .map(|e| Entity {
                etype: e.etype,
                name: e.name,
            })
            .collect();
        let anon: Vec<Option<Anonymous>> = st
            .ents
            .iter()
            .map(|e| {
                (e.etype == EntityType::Anonymous).then(|| Anonymous {
                    descriptor: e.descriptor.unwrap_or(e.name),
                    affiliation: e.affiliation,
                })
            })
            .collect();
        let mut mentions = st.mentions;
        mentions.sort_by_key(|m| (m.span.start, m.span.end, m.entity));
        mentions.dedup();
        let speakers: Vec<(Option<u32>, Option<Anonymous>)> = speakers
            .into_iter()
            .map(|s| (s, s.and_then(|e| anon[e as usize])))
            .collect();
        (entities, mentions, speakers)
    };
    doc.entities = entities;
    doc.mentions = mentions;
    for (a, (s, anon)) in doc.attributions.iter_mut().zip(speakers) {
        a.speaker = s;
        a.anonymous = anon;
    }
}

enum Event {
    Name(usize),
    Source(usize),
}

impl<'d> State<'d> {
    fn run(&mut self) -> Vec<Option<u32>> {
        let doc = self.doc;
        let n_attr = doc.attributions.len();
        let mut speakers = vec![None; n_attr];
        let sources: Vec<Option<TokenSpan>> = doc
            .attributions
            .iter()
            .map(|a| {
                a.source
                    .map(|s| util::trim(doc, s))
                    .filter(|s| !s.is_empty())
            })
            .collect();
        let mut events: Vec<(TokenId, u8, Event)> = Vec::new();
        for (i, nm) in doc.names.iter().enumerate() {
            if matches!(nm.kind, NameKind::Date | NameKind::Misc)
                || nm.span.end as usize > doc.tokens.len()
            {
                continue;
            }
            events.push((nm.span.start, 1, Event::Name(i)));
        }
        for (i, s) in sources.iter().enumerate() {
            if let Some(s) = s {
                events.push((s.start, 0, Event::Source(i)));
            }
        }
        events.sort_by_key(|(at, k, _)| (*at, *k));
        // Sources already resolved by span, so that attributions sharing a source share a
        // speaker and a mention is made once.
        let mut by_span: HashMap<TokenSpan, u32> = HashMap::new();
        let mut deferred = Vec::new();
        let mut covered: Vec<TokenSpan> = Vec::new();
        for (_, _, ev) in events {
            match ev {
                Event::Name(i) => {
                    let nm = doc.names[i];
                    // "between March and August": calendar words the tagger took for names.
                    let calendar = (nm.span.start..nm.span.end).all(|t| {
                        let w = util::lower(doc, t);
                        crate::time::is_calendar_word(&w) || util::is_punct(doc, t)
                    });
                    if calendar {
                        continue;
                    }
                    if covered
                        .iter()
                        .rev()
                        .take(4)
                        .any(|c| util::contains(*c, nm.span))
                    {
                        continue;
                    }
                    let span = full_name(doc, nm.span);
                    self.name_entity(span, name_kind(doc, span, nm.kind), false);
                }
                Event::Source(i) => {
                    let s = sources[i].unwrap();
                    if let Some(&e) = by_span.get(&s) {
                        speakers[i] = Some(e);
                        continue;
                    }
                    let first = util::lower(doc, s.start);
                    if s.len() == 1 && matches!(first.as_str(), "i" | "we" | "me" | "us") {
                        deferred.push(i);
                        continue;
                    }
                    covered.push(s);
                    let e = self.source_entity(s);
                    if let Some(e) = e {
                        by_span.insert(s, e);
                        self.mark_speaker(s, e);
                    }
                    speakers[i] = e;
                }
            }
        }
        // First-person sources inside quotations: the quoted speaker.
        for i in deferred {
            let s = sources[i].unwrap();
            let window = i.saturating_sub(64)..(i + 64).min(n_attr);
            let enclosing = doc.attributions[window.clone()]
                .iter()
                .zip(window)
                .map(|(a, j)| (j, a))
                .filter(|(j, a)| {
                    *j != i && a.content.iter().any(|c| util::contains(*c, s)) && a.cue.is_some()
                })
                .filter_map(|(j, a)| {
                    speakers[j].map(|e| (a.content.iter().map(|c| c.len()).sum::<usize>(), e))
                })
                .min();
            if let Some((_, e)) = enclosing {
                self.add_mention(s, e, MentionForm::Pronoun);
                speakers[i] = Some(e);
            }
        }
        for e in &mut self.ents {
            if e.etype == EntityType::Anonymous && e.descriptor.is_none() {
                e.descriptor = Some(e.name);
            }
        }
        speakers
    }

    /// The innermost content piece containing `span` (of an outer attribution only, when
    /// `outer`). Looks at the pieces starting at or before it, nearest first, a bounded number.
    fn containing(&self, span: TokenSpan, outer: bool) -> Option<TokenSpan> {
        let end = self
            .contents
            .partition_point(|(c, _)| c.start <= span.start);
        self.contents[..end]
            .iter()
            .rev()
            .take(64)
            .filter(|(c, o)| (!outer || *o) && util::contains(*c, span))
            .map(|(c, _)| *c)
            .min_by_key(|c| c.len())
    }

    /// Names (not dates) inside `s`, from the sorted tag layer.
    fn names_in(&self, s: TokenSpan) -> impl Iterator<Item = &hearsay_doc::Name> {
        let names = &self.doc.names;
        let from = names.partition_point(|n| n.span.start < s.start);
        names[from..]
            .iter()
            .take_while(move |n| n.span.start < s.end)
            .filter(move |n| util::contains(s, n.span))
    }

    fn sentence_of(&self, t: TokenId) -> u32 {
        self.doc.tokens[t as usize].sentence
    }

    fn paragraph_of(&self, t: TokenId) -> u32 {
        let s = self.sentence_of(t) as usize;
        self.doc.sentences.get(s).map_or(0, |s| s.paragraph)
    }

    fn add_mention(&mut self, span: TokenSpan, entity: u32, form: MentionForm) {
        let doc = self.doc;
        let head = util::span_head(doc, span).unwrap_or(span.start);
        let subject = util::deprel(doc, head).starts_with("nsubj");
        let main_subject =
            subject && util::head(doc, head).is_some_and(|v| util::deprel(doc, v) == "root");
        self.mentions.push(Mention { span, entity, form });
        let reported = self.containing(span, true);
        self.seen.push(Seen {
            at: span.start,
            sentence: self.sentence_of(span.start),
            paragraph: self.paragraph_of(span.start),
            entity,
            subject,
            main_subject,
            speaker: false,
            reported,
            one_of: one_of(doc, span),
        });
        let e = &mut self.ents[entity as usize];
        // A first name the gender table knows ("Diane Kowalczyk"): the first of two or more
        // capitalised words of a person's name.
        if form == MentionForm::Name && e.etype == EntityType::Person && e.gender == Gender::Unknown
        {
            let names: Vec<TokenId> = (span.start..span.end)
                .filter(|&t| util::pos(doc, t) == "NNP")
                .collect();
            if names.len() >= 2 {
                e.gender =
                    match crate::gender::of_first_name(doc.token_text(names[names.len() - 2])) {
                        Some(crate::gender::Gender::Male) => Gender::Male,
                        Some(crate::gender::Gender::Female) => Gender::Female,
                        None => Gender::Unknown,
                    };
            }
        }
        for t in span.start..span.end {
            if !util::is_punct(doc, t) {
                let w = util::lower(doc, t);
                if let Some(g) = role_gender(&w) {
                    if e.gender == Gender::Unknown {
                        e.gender = g;
                    }
                }
                if !e.words.contains(&w) {
                    e.words.push(w);
                }
            }
        }
    }

    fn mark_speaker(&mut self, span: TokenSpan, e: u32) {
        if let Some(ent) = self.ents.get_mut(e as usize) {
            ent.spoke = true;
        }
        if let Some(s) = self
            .seen
            .iter_mut()
            .rev()
            .find(|s| s.entity == e && s.at == span.start)
        {
            s.speaker = true;
        }
    }

    fn new_entity(&mut self, etype: EntityType, name: TokenSpan, proper: bool) -> u32 {
        let doc = self.doc;
        // "One of the former employees" is one person, whatever the parse calls its head.
        let plural = !one_of(doc, name)
            && util::span_head(doc, name)
                .map(|h| matches!(util::pos(doc, h), "NNS" | "NNPS"))
                .unwrap_or(false);
        self.ents.push(Ent {
            etype,
            name: strip_determiner(doc, name),
            proper,
            gender: Gender::Unknown,
            plural,
            words: Vec::new(),
            name_words: Vec::new(),
            descriptor: None,
            affiliation: None,
            spoke: false,
            lone_person: false,
        });
        (self.ents.len() - 1) as u32
    }

    /// Link a proper name to its entity (new or existing); records the mention.
    fn name_entity(&mut self, span: TokenSpan, kind: NameKind, speaking: bool) -> u32 {
        let doc = self.doc;
        // "Dr Anika Rao": the honorific is part of the mention, not of the name.
        let mention = span;
        let span = if span.len() > 1 && honorific(&util::lower(doc, span.start)) {
            TokenSpan {
                start: span.start + 1,
                end: span.end,
            }
        } else {
            span
        };
        // "Police Commissioner Anna Kowal" tagged as one name: the title is no part of the
        // person's name, and a known first name after a role word makes it a person.
        let (span, kind) = match (span.start + 1..span.end.saturating_sub(1)).find(|&k| {
            let prev = util::lower(doc, k - 1);
            (is_in(PERSON_ROLES, &prev) || role_gender(&prev).is_some())
                && crate::gender::of_first_name(doc.token_text(k)).is_some()
        }) {
            Some(k) => (
                TokenSpan {
                    start: k,
                    end: span.end,
                },
                NameKind::Person,
            ),
            None => (span, kind),
        };
        let words: Vec<String> = (span.start..span.end)
            .filter(|&t| !util::is_punct(doc, t) && util::pos(doc, t) != "POS")
            .map(|t| util::lower(doc, t))
            .filter(|w| w != "the" && w != "’s" && w != "'s")
            .collect();
        let last = words.last().cloned().unwrap_or_default();
        let mut cands: Vec<u32> = Vec::new();
        let first = words.first().cloned().unwrap_or_default();
        for key in [last.clone(), acronym(&words), first] {
            if let Some(v) = self.by_word.get(&key) {
                cands.extend_from_slice(v);
            }
        }
        cands.sort_unstable();
        cands.dedup();
        let ents = &self.ents;
        // "Hillary" after "Hillary Clinton": a lone known first name is the one person named in
        // full with it, when only one is.
        let by_first_name = if words.len() == 1
            && kind == NameKind::Person
            && crate::gender::of_first_name(doc.token_text(span.start)).is_some()
        {
            let mut owners = cands.iter().map(|&i| i as usize).filter(|&i| {
                let e = &ents[i];
                e.etype == EntityType::Person && e.name_words.len() > 1 && e.name_words[0] == last
            });
            match (owners.next(), owners.next()) {
                (Some(i), None) => Some(i),
                _ => None,
            }
        } else {
            None
        };
        let found = cands.iter().rev().map(|&i| i as usize).find(|&i| {
            let e = &ents[i];
            if e.name_words.is_empty() {
                return false;
            }
            match kind {
                NameKind::Person => {
                    // "Irena Eder" is not "Tomas Eder": two full names with different first
                    // names are two people (an initial agrees with any first name).
                    let initial = |w: &str| w.trim_end_matches('.').chars().count() == 1;
                    let other_first = words.len() > 1
                        && e.name_words.len() > 1
                        && words[0] != e.name_words[0]
                        && !initial(&words[0])
                        && !initial(&e.name_words[0]);
                    // The same full name again is the same entity, whatever the tagger
                    // calls it this time ("The operator, Nordlys Lines," … "Nordlys Lines").
                    (words.len() > 1 && e.name_words == words)
                        || e.etype == EntityType::Person
                            && e.name_words.last() == Some(&last)
                            && !other_first
                        || words.len() == 1 && e.name_words.last() == Some(&last)
                        // "Voltera" tagged as a person after "Voltera Systems".
                        || (words.len() == 1
                            && e.etype != EntityType::Person
                            && e.name_words.len() > 1
                            && e.name_words[0] == last)
                        // "Trump" or "Hillary" in a headline, then "Donald Trump" or
                        // "Hillary Clinton" in the body.
                        || (words.len() > 1
                            && e.lone_person
                            && !media_words(&words)
                            && !is_in(ORG_SUFFIXES, &last)
                            && e.name_words.len() == 1
                            && (e.name_words[0] == last || e.name_words[0] == words[0]))
                }
                _ => {
                    e.name_words == words
                        || (words.len() == 1 && e.name_words.last() == Some(&last))
                        || (words.len() == 1 && acronym(&e.name_words) == last)
                        // "Teskal" for "Teskal Ports".
                        || (words.len() == 1
                            && e.etype != EntityType::Person
                            && e.name_words.len() > 1
                            && e.name_words[0] == last)
                        || (e.name_words.len() == 1
                            && words.len() > 1
                            && acronym(&words) == e.name_words[0])
                }
            }
        });
        let e = match found.or(by_first_name) {
            Some(e) => e as u32,
            None => {
                let before = self.title_before(span).or_else(|| self.org_after(span));
                // A dateline ("BRASK, March 11 —") names the place the story was filed from.
                let dateline = doc.tokens[span.start as usize].sentence == 0
                    && span.start < 3
                    && doc.span_text(span).chars().all(|c| !c.is_lowercase());
                let suffix = words.len() > 1 && is_in(ORG_SUFFIXES, &last);
                // "the Dreschen Tribune" is an outlet even when the tagger calls it a person;
                // "Emily Post" (a known first name) stays a person.
                let media = media_words(&words)
                    && !(kind == NameKind::Person
                        && words.len() > 1
                        && crate::gender::of_first_name(doc.token_text(span.start)).is_some());
                // "The business daily Ardenia Capital", "The Tessaly Voice, a local
                // newspaper,": an outlet noun around the name outweighs a company suffix.
                let known_person = kind == NameKind::Person
                    && words.len() > 1
                    && crate::gender::of_first_name(doc.token_text(span.start)).is_some();
                let media_ctx = !known_person && self.media_context(span);
                let etype = match kind {
                    _ if dateline => EntityType::Place,
                    _ if media_ctx => EntityType::Media,
                    _ if suffix && !media => EntityType::Organization,
                    _ if media => EntityType::Media,
                    _ if before == Some(EntityType::Organization) => EntityType::Organization,
                    _ if before == Some(EntityType::Media) => EntityType::Media,
                    _ if before == Some(EntityType::Person) => EntityType::Person,
                    // People are introduced by full name; a new one-word "person" is
                    // usually a place or organisation the tagger got wrong.
                    NameKind::Person if words.len() == 1 => EntityType::Organization,
                    NameKind::Person => EntityType::Person,
                    NameKind::Organization | NameKind::Misc => {
                        if self.media_context(span) {
                            EntityType::Media
                        } else {
                            EntityType::Organization
                        }
                    }
                    NameKind::Location | NameKind::Date => EntityType::Place,
                };
                let e = self.new_entity(etype, span, true);
                self.ents[e as usize].lone_person = matches!(
                    kind,
                    NameKind::Person | NameKind::Organization | NameKind::Misc
                ) && words.len() == 1
                    && etype == EntityType::Organization
                    && headline(doc, doc.tokens[span.start as usize].sentence);
                e
            }
        };
        if self.ents[e as usize].lone_person && kind == NameKind::Person && words.len() > 1 {
            let ent = &mut self.ents[e as usize];
            ent.etype = EntityType::Person;
            ent.lone_person = false;
        }
        let ent = &mut self.ents[e as usize];
        if !ent.proper || words.len() > ent.name_words.len() {
            if !ent.proper || ent.etype != EntityType::Anonymous {
                ent.name = span;
                ent.proper = true;
            }
            // Index the entity under the words a later name may match it by.
            let mut keys = vec![acronym(&words)];
            keys.extend(words.first().cloned());
            keys.extend(words.last().cloned());
            for k in keys {
                let v = self.by_word.entry(k).or_default();
                if v.last() != Some(&e) {
                    v.push(e);
                }
            }
            self.ents[e as usize].name_words = words;
        }
        let ent = &mut self.ents[e as usize];
        if speaking && ent.etype == EntityType::Place {
            ent.etype = EntityType::Organization;
        }
        self.add_mention(mention, e, MentionForm::Name);
        e
    }

    /// The class of the noun just before a name: "contractor Rostec" (organisation), "spokesman
    /// Dmitry Peskov" (person), "broadcaster KTV" (media).
    fn title_before(&self, span: TokenSpan) -> Option<EntityType> {
        let doc = self.doc;
        if span.start == 0 {
            return None;
        }
        let mut t = span.start - 1;
        // An appositive: "The dockers' union, Kastro Harbour Workers," (only a noun for a
        // body or a role counts there).
        let appositive = doc.token_text(t) == "," && t > 0;
        if appositive {
            t -= 1;
            if !util::pos(doc, t).starts_with("NN") || util::pos(doc, t).starts_with("NNP") {
                return None;
            }
            // The head of the phrase before the comma, not the object of its preposition ("A
            // spokesman for the regional council, Dario Fontana,": the spokesman).
            let mut k = t;
            while k > 0
                && matches!(
                    util::pos(doc, k - 1),
                    "DT" | "JJ" | "NN" | "NNS" | "POS" | "PRP$"
                )
            {
                k -= 1;
            }
            if k > 1 && util::pos(doc, k - 1) == "IN" && util::pos(doc, k - 2).starts_with("NN") {
                t = k - 2;
            }
            let w = util::lower(doc, t);
            return if is_in(ORG_WORDS, &w) && !is_in(PERSON_ROLES, &w) {
                Some(EntityType::Organization)
            } else if is_in(PERSON_ROLES, &w) || role_gender(&w).is_some() {
                Some(EntityType::Person)
            } else {
                None
            };
        }
        if !util::pos(doc, t).starts_with("NN") {
            return None;
        }
        let w = util::lower(doc, t);
        if self.media_context(span) {
            Some(EntityType::Media)
        } else if is_in(ORG_WORDS, &w) {
            Some(EntityType::Organization)
        } else if is_in(PERSON_ROLES, &w) || role_gender(&w).is_some() {
            Some(EntityType::Person)
        } else {
            None
        }
    }

    /// "St Brigid's Hospital", "Halden Marine Group": an organisation noun right after the
    /// name (possibly after a possessive).
    fn org_after(&self, span: TokenSpan) -> Option<EntityType> {
        let doc = self.doc;
        let mut t = span.end;
        if (t as usize) < doc.tokens.len() && util::pos(doc, t) == "POS" {
            t += 1;
        }
        if (t as usize) >= doc.tokens.len() || !util::pos(doc, t).starts_with("NNP") {
            return None;
        }
        let w = util::lower(doc, t);
        (is_in(ORG_WORDS, &w) && !is_in(PERSON_ROLES, &w)).then_some(EntityType::Organization)
    }

    /// "the state broadcaster KTV", "news agency DNA": a media noun just before the name.
    fn media_context(&self, span: TokenSpan) -> bool {
        let doc = self.doc;
        // An appositive after the name: "The Tessaly Voice, a local newspaper,".
        let n = doc.tokens.len() as u32;
        if span.end + 2 < n
            && doc.token_text(span.end) == ","
            && matches!(util::lower(doc, span.end + 1).as_str(), "a" | "an" | "the")
            && (span.end + 2..(span.end + 5).min(n)).any(|t| {
                matches!(
                    util::lower(doc, t).as_str(),
                    "newspaper"
                        | "broadcaster"
                        | "daily"
                        | "weekly"
                        | "tabloid"
                        | "newsletter"
                        | "magazine"
                )
            })
        {
            return true;
        }
        let lo = span.start.saturating_sub(3);
        (lo..span.start).any(|t| {
            let w = util::lower(doc, t);
            // "the news agency DNA", not "the safety agency's director".
            let news_agency = w == "agency"
                && t > 0
                && matches!(util::lower(doc, t - 1).as_str(), "news" | "press");
            news_agency
                || matches!(
                    w.as_str(),
                    "newspaper"
                        | "broadcaster"
                        | "daily"
                        | "magazine"
                        | "station"
                        | "outlet"
                        | "paper"
                        | "tabloid"
                        | "channel"
                        | "network"
                        | "newsletter"
                        | "weekly"
                )
        })
    }

    /// Resolve the source span of an attribution to an entity (recording mentions).
    fn source_entity(&mut self, s: TokenSpan) -> Option<u32> {
        let doc = self.doc;
        let first = util::lower(doc, s.start);
        let pos0 = util::pos(doc, s.start);
        if s.len() == 1 || (s.len() == 2 && util::is_punct(doc, s.end - 1)) {
            match first.as_str() {
                "he" | "him" => {
                    return self.pronoun(
                        s,
                        &[EntityType::Person, EntityType::Anonymous],
                        Some(Gender::Male),
                        Some(false),
                    )
                }
                "she" | "her" => {
                    return self.pronoun(
                        s,
                        &[EntityType::Person, EntityType::Anonymous],
                        Some(Gender::Female),
                        Some(false),
                    )
                }
                "it" => {
                    return self.pronoun(
                        s,
                        &[
                            EntityType::Organization,
                            EntityType::Media,
                            EntityType::Document,
                            EntityType::Place,
                        ],
                        None,
                        Some(false),
                    )
                }
                "they" | "them" => {
                    return self.pronoun(
                        s,
                        &[
                            EntityType::Group,
                            EntityType::Anonymous,
                            EntityType::Organization,
                            EntityType::Document,
                        ],
                        None,
                        Some(true),
                    )
                }
                "who" | "which" | "that"
                    if pos0.starts_with('W') || first != "that" || s.len() == 1 =>
                {
                    return self.relative(s)
                }
                _ => {}
            }
        }
        if let Some(e) = self.transcript_label(s) {
            return Some(e);
        }
        let e = self.noun_phrase(s, true)?;
        // "One of the former employees, who asked not to be named because she had signed …":
        // a pronoun in the source's own relative clause gives the speaker's gender.
        let ent = &self.ents[e as usize];
        if matches!(ent.etype, EntityType::Person | EntityType::Anonymous)
            && ent.gender == Gender::Unknown
            && !ent.plural
        {
            let rel = (s.start..s.end).find(|&t| util::lower(doc, t) == "who");
            let g = rel.and_then(|r| {
                (r + 1..s.end).find_map(|t| match util::lower(doc, t).as_str() {
                    "she" | "her" | "herself" => Some(Gender::Female),
                    "he" | "him" | "his" | "himself" => Some(Gender::Male),
                    _ => None,
                })
            });
            if let Some(g) = g {
                self.ents[e as usize].gender = g;
            }
        }
        Some(e)
    }

    /// A transcript's speaker label ("PENCE:", "JAKE TAPPER:") is a person: the one named
    /// before with that last name ("Mike Pence"), else a new one.
    fn transcript_label(&mut self, s: TokenSpan) -> Option<u32> {
        let doc = self.doc;
        let capitals = |t: u32| {
            let w = doc.token_text(t);
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && w.chars()
                    .all(|c| c.is_uppercase() || matches!(c, '\'' | '’' | '.' | '-'))
        };
        let colon = (s.end as usize) < doc.tokens.len() && doc.token_text(s.end) == ":";
        if !colon || s.len() > 3 || !(s.start..s.end).all(capitals) {
            return None;
        }
        let last = util::lower(doc, s.end - 1);
        let known = self.ents.iter().position(|e| {
            e.etype == EntityType::Person && e.proper && e.name_words.last() == Some(&last)
        });
        let e = match known {
            Some(e) => e as u32,
            None => {
                let e = self.new_entity(EntityType::Person, s, true);
                self.ents[e as usize].name_words =
                    (s.start..s.end).map(|t| util::lower(doc, t)).collect();
                e
            }
        };
        self.add_mention(s, e, MentionForm::Name);
        Some(e)
    }

    /// A noun phrase (a source, an antecedent, an affiliation) to its entity.
    fn noun_phrase(&mut self, s: TokenSpan, speaking: bool) -> Option<u32> {
        let doc = self.doc;
        // The descriptive part: up to the first comma, "who", "speaking", "because".
        let core = core_np(doc, s);
        let head = util::span_head(doc, core).unwrap_or(core.end.saturating_sub(1));
        let names: Vec<(TokenSpan, NameKind)> = self
            .names_in(s)
            .filter(|n| n.kind != NameKind::Date)
            .map(|n| {
                let mut span = full_name(doc, n.span);
                // A tagger's name that runs on over a lower-case noun ("Keldan Rail
                // manager") ends before it.
                while span.len() > 1
                    && doc
                        .token_text(span.end - 1)
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_lowercase())
                {
                    span.end -= 1;
                }
                let mut kind = n.kind;
                // A role inside a tagged name ("Labour Minister Josef Brenner"): the name is
                // the person's after it.
                if let Some(r) = (span.start..span.end.saturating_sub(2)).rev().find(|&t| {
                    let w = util::lower(doc, t);
                    is_in(PERSON_ROLES, &w) && !honorific(&w)
                }) {
                    let rest = TokenSpan::new(r as usize + 1, span.end as usize);
                    if (rest.start..rest.end).all(|t| util::pos(doc, t).starts_with("NNP")) {
                        span = rest;
                        kind = NameKind::Person;
                    }
                }
                // A person's name run on over an affiliation ("Nadia Rahm of Tessing
                // University", after "Dr" or with a known first name).
                if let Some(of) = (span.start + 2..span.end).find(|&t| util::lower(doc, t) == "of")
                {
                    let titled = honorific(&util::lower(doc, span.start));
                    let person = titled
                        || honorific(&util::lower(doc, span.start.saturating_sub(1)))
                        || crate::gender::of_first_name(doc.token_text(span.start)).is_some();
                    if person && of - span.start <= 3 + u32::from(titled) {
                        span.end = of;
                        kind = NameKind::Person;
                    }
                }
                (span, name_kind(doc, span, kind))
            })
            .filter(|(sp, _)| util::contains(s, *sp))
            .collect();
        // A name that modifies a role noun right after it ("A Keldan Rail manager"): the
        // noun is the head, whatever the parse says.
        let head = names
            .iter()
            .find(|(sp, _)| {
                sp.contains(head)
                    && sp.end < core.end
                    && util::pos(doc, sp.end).starts_with("NN")
                    && !util::pos(doc, sp.end).starts_with("NNP")
            })
            .map_or(head, |(sp, _)| {
                let mut h = sp.end;
                while h + 1 < core.end
                    && util::pos(doc, h + 1).starts_with("NN")
                    && !util::pos(doc, h + 1).starts_with("NNP")
                {
                    h += 1;
                }
                h
            });
        let head_w = util::lower(doc, head);
        // A person's name stands for the phrase when it is the head, follows the head as an
        // appositive ("the chairman, Gerald Pike"), or the head is a role ("spokesman").
        // A lower-case head is no name, whatever the tagger ran over it ("A Keldan Rail
        // manager, who asked not to be identified").
        let head_cap = doc
            .token_text(head)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase());
        let role_head = is_in(PERSON_ROLES, &head_w) || role_gender(&head_w).is_some();
        let person_name = names
            .iter()
            .rev()
            .find(|(sp, k)| {
                // "Her rival, Marta Villa" or "Her rival, councillor Marta Villa" (a title
                // of lower-case words between the comma and the name).
                let appositive = sp.start > head + 1
                    && util::lower(doc, head + 1) == ","
                    && sp.start - head <= 5
                    && (head + 2..sp.start).all(|t| {
                        matches!(util::pos(doc, t), "NN" | "JJ")
                            && doc
                                .token_text(t)
                                .chars()
                                .next()
                                .is_some_and(char::is_lowercase)
                    });
                // … also after the head's own phrase: "A teacher at the school, Naomi
                // Fairlie", "One of the riders named in the report, 24-year-old climber
                // Jonas Feldt" (no clause of its own before the comma).
                let comma = (head + 1..s.end)
                    .find(|&t| doc.token_text(t) == ",")
                    .unwrap_or(s.end);
                let appositive = appositive
                    || comma < s.end
                        && sp.start > comma
                        && sp.start - comma <= 5
                        && (comma + 1..sp.start).all(|t| {
                            matches!(util::pos(doc, t), "NN" | "JJ" | "CD")
                                && doc
                                    .token_text(t)
                                    .chars()
                                    .next()
                                    .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
                        })
                        && !(head + 1..comma).any(|t| {
                            matches!(
                                util::pos(doc, t),
                                "VBD" | "VBZ" | "VBP" | "MD" | "WDT" | "WP" | "WP$"
                            )
                        });
                // Not a name after a preposition: "a diplomat in Sarn", "an aide to Reld".
                let object = sp.start > s.start
                    && (util::pos(doc, sp.start - 1) == "IN"
                        || util::lower(doc, sp.start - 1) == "to");
                // Nor one that only modifies the role noun: "one Nordair pilot", "a Hallam
                // employee" (the name ends right before the head), or owns it: "Halvik's
                // chief executive".
                let modifier = sp.end == head || sp.end < head && util::pos(doc, sp.end) == "POS";
                *k == NameKind::Person
                    && (sp.contains(head) && head_cap
                        || appositive
                        || role_head && !object && !modifier)
            })
            .copied();
        let head_name = names
            .iter()
            .find(|(sp, _)| sp.contains(head) && head_cap)
            .copied()
            .or_else(|| {
                // "The business daily Ardenia Capital", "the ferry operator Skerrin": a name
                // closing the phrase after lower-case describing words is its head, whatever
                // the parse says.
                names
                    .iter()
                    .find(|(sp, _)| {
                        sp.end == core.end
                            && sp.start > core.start
                            && (core.start..sp.start).all(|t| {
                                matches!(util::pos(doc, t), "DT" | "JJ" | "NN" | "NNS" | "RB")
                                    && doc
                                        .token_text(t)
                                        .chars()
                                        .skip(usize::from(t == core.start))
                                        .all(|c| c.is_lowercase())
                            })
                    })
                    .copied()
            });

        // Anonymous sources.
        if person_name.is_none() && head_name.is_none() {
            if let Some(e) = self.anonymous(s, core, head, speaking) {
                return Some(e);
            }
        }
        // "His lawyer, Nina Ortiz", "Its director": the possessor is a mention too, so that
        // the speaker is known to stand on the possessor's side.
        if role_head && speaking {
            let t = core.start;
            let one = TokenSpan {
                start: t,
                end: t + 1,
            };
            let people = [EntityType::Person, EntityType::Anonymous];
            let orgs = [
                EntityType::Organization,
                EntityType::Media,
                EntityType::Group,
            ];
            match util::lower(doc, t).as_str() {
                "his" => {
                    self.pronoun(one, &people, Some(Gender::Male), Some(false));
                }
                "her" => {
                    self.pronoun(one, &people, Some(Gender::Female), Some(false));
                }
                // "Its agriculture minister", "its ambassador": a country's too.
                "its"
                    if matches!(
                        head_w.as_str(),
                        "minister" | "president" | "ambassador" | "envoy" | "premier" | "diplomat"
                    ) =>
                {
                    // The country named in this sentence or the two before it, else the usual
                    // organisations.
                    let sent = self.sentence_of(t);
                    let place = self
                        .seen
                        .iter()
                        .rev()
                        .take(LOOKBACK)
                        .filter(|m| m.at < t && m.sentence + 2 >= sent)
                        .find(|m| {
                            self.ents[m.entity as usize].etype == EntityType::Place
                                && !(m.sentence == 0 && m.at < 3)
                        })
                        .map(|m| m.entity);
                    match place {
                        Some(e) => self.add_mention(one, e, MentionForm::Pronoun),
                        None => {
                            self.pronoun(one, &orgs, None, Some(false));
                        }
                    }
                }
                "its" => {
                    self.pronoun(one, &orgs, None, Some(false));
                }
                _ => {}
            }
        }
        // Proper names, heads first; then a person's name anywhere in the phrase.
        if let Some((sp, k)) = head_name.or(person_name) {
            // Other names inside the phrase are entities too ("Kremlin" in "Kremlin
            // spokesman Dmitry Peskov").
            for &(o, ok) in &names {
                if o != sp && !util::overlaps(o, sp) {
                    self.name_entity(o, ok, false);
                }
            }
            let e = self.name_entity(sp, k, speaking);
            if s != sp {
                self.add_mention(s, e, MentionForm::Name);
            }
            return Some(e);
        }
        // A capitalised word the tagger did not take for a name ("Ilves said …" opening a
        // paragraph, tagged as a plural noun): the known person or organisation of that
        // last name.
        if names.is_empty() && core.len() == 1 {
            let w = doc.token_text(core.start);
            if w.chars().next().is_some_and(|c| c.is_uppercase())
                && w.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
            {
                let lw = w.to_lowercase();
                let known = (0..self.ents.len()).rev().find(|&e| {
                    let x = &self.ents[e];
                    x.proper
                        && x.name_words.last() == Some(&lw)
                        && matches!(x.etype, EntityType::Person | EntityType::Organization)
                });
                if let Some(e) = known {
                    self.add_mention(s, e as u32, MentionForm::Name);
                    return Some(e as u32);
                }
            }
        }
        // "the news agency Nordpress", "contractor Rostec": a name right after the head noun.
        if let Some(&(sp, k)) = names.iter().find(|(sp, _)| sp.start == head + 1) {
            for &(o, ok) in &names {
                if o != sp && !util::overlaps(o, sp) {
                    self.name_entity(o, ok, false);
                }
            }
            let e = self.name_entity(sp, k, speaking);
            if media_words(&lower_words(
                doc,
                TokenSpan::new(core.start as usize, head as usize + 1),
            )) {
                self.ents[e as usize].etype = EntityType::Media;
            }
            self.add_mention(s, e, MentionForm::Name);
            return Some(e);
        }
        // "a Wall Street Journal article", "the Courier's report": the outlet.
        // "The report, commissioned by the regulator Ofwat Norland,": a document of its own,
        // whoever ordered it.
        let commissioned = (core.start..s.end).any(|t| {
            matches!(
                util::lower(doc, t).as_str(),
                "commissioned" | "ordered" | "requested" | "conducted" | "prepared" | "compiled"
            )
        });
        if commissioned {
            // … and the one who ordered it is named with its description ("by the regulator
            // Ofwat Norland"), for a later "the regulator".
            for &(sp, _) in &names {
                if let Some(by) = (s.start..sp.start)
                    .rev()
                    .find(|&t| util::lower(doc, t) == "by")
                {
                    self.noun_phrase(
                        TokenSpan {
                            start: by + 1,
                            end: sp.end,
                        },
                        false,
                    );
                }
            }
        }
        if is_in(PIECE_WORDS, &head_w) && !commissioned {
            if let Some(&(sp, k)) = names.first() {
                let e = self.name_entity(sp, k, false);
                self.ents[e as usize].etype = EntityType::Media;
                self.add_mention(s, e, MentionForm::Nominal);
                return Some(e);
            }
            // "the report", "its article": the outlet that published it; "a confidential
            // council inspection report" (cited by a newspaper) is a document of its own.
            let indefinite = matches!(util::lower(doc, core.start).as_str(), "a" | "an" | "one");
            if !indefinite {
                if let Some(e) = self.recent_of(&[EntityType::Media], s.start) {
                    self.add_mention(s, e, MentionForm::Nominal);
                    return Some(e);
                }
            }
        }
        for &(o, ok) in &names {
            self.name_entity(o, ok, false);
        }
        // A proper noun the entity tagger missed ("Trump tweeted"): the run of proper nouns
        // around the head, matched to a known name or taken as a new one.
        if util::pos(doc, head).starts_with("NNP") && names.iter().all(|(sp, _)| !sp.contains(head))
        {
            let (mut a, mut b) = (head, head + 1);
            while a > core.start && util::pos(doc, a - 1).starts_with("NNP") {
                a -= 1;
            }
            while b < core.end && util::pos(doc, b).starts_with("NNP") {
                b += 1;
            }
            let run = TokenSpan { start: a, end: b };
            let first_name =
                run.len() >= 2 && crate::gender::of_first_name(doc.token_text(run.start)).is_some();
            let kind = if first_name {
                NameKind::Person
            } else {
                NameKind::Organization
            };
            let e = self.name_entity(run, kind, speaking);
            if s != run {
                self.add_mention(s, e, MentionForm::Name);
            }
            return Some(e);
        }
        // Nominals: "the company", "the spokesman", "the ministry".
        let definite = matches!(
            util::lower(doc, core.start).as_str(),
            "the" | "this" | "that" | "its" | "his" | "her" | "their"
        ) && names.is_empty();
        if definite {
            // "the agency" is the safety agency named before; "the national weather agency"
            // is not: every modifier must be among the entity's words.
            let modifiers: Vec<String> = (core.start + 1..head)
                .filter(|&t| !util::is_punct(doc, t) && util::pos(doc, t) != "POS")
                .map(|t| util::lower(doc, t))
                .collect();
            let fits = |e: &u32| {
                modifiers
                    .iter()
                    .all(|m| self.ents[*e as usize].words.contains(m))
            };
            // … or whose name has a word that the noun stands for ("the union" for the
            // Metalworkers' Federation, "the airline" for Corvane Airways): in the proper name
            // only ("the utility" is not the residents' group described as testing water), and
            // never a public body (nor the Drinking Water Inspectorate).
            let found = self.by_word(&head_w, s.start).filter(fits).or_else(|| {
                nominal_synonyms(&head_w).iter().find_map(|&w| {
                    self.by_word_where(w, s.start, |e| {
                        e.name_words.iter().any(|x| x == w)
                            && !e.words.iter().any(|x| is_in(GOVERNMENT_WORDS, x))
                    })
                    .filter(fits)
                })
            });
            if let Some(e) = found {
                self.add_mention(s, e, MentionForm::Nominal);
                return Some(e);
            }
            // "the network": a broadcaster as much as any organisation.
            let class: &[EntityType] = if head_w == "network" {
                &[EntityType::Organization, EntityType::Media]
            } else if is_in(ORG_WORDS, &head_w) {
                &[EntityType::Organization]
            } else if is_in(MEDIA_WORDS, &head_w) {
                &[EntityType::Media]
            } else {
                &[]
            };
            // A body inside an organisation ("the board", "the committee") is the one named
            // with that word, never just the latest organisation ("the board" of Verimed
            // Pharma is not the medicines agency named before it).
            let part_of_org = matches!(head_w.as_str(), "board" | "committee" | "management");
            // Nor is "the union" (or "their union") a carmaker: a noun for one kind of body
            // stands only for a body whose name says so (found above), not the latest
            // organisation of any kind.
            let own_kind = |w: &str| {
                matches!(
                    w,
                    "union"
                        | "university"
                        | "hospital"
                        | "school"
                        | "court"
                        | "institute"
                        | "foundation"
                )
            };
            let part_of_org = part_of_org || own_kind(&head_w);
            if !class.is_empty() && core.len() == 2 && !part_of_org {
                let government = is_in(GOVERNMENT_WORDS, &head_w);
                let business = is_in(BUSINESS_WORDS, &head_w);
                let fits = |m: &&Seen| {
                    let e = &self.ents[m.entity as usize];
                    m.at < s.start
                        && class.contains(&e.etype)
                        // … and "the company" is not a body described as a union, nor
                        // one named as a union, a party or an association.
                        && (e.proper || !e.words.iter().any(|w| own_kind(w)))
                        && !(business && e.name_words.iter().any(|w| is_in(NOT_A_BUSINESS, w)))
                        && (class != [EntityType::Organization]
                            || e.words.iter().any(|w| is_in(GOVERNMENT_WORDS, w)) == government)
                };
                // An organisation that has spoken is the likelier "company" than one only
                // named ("between Ireland and the Netherlands").
                let spoke = |e: u32| self.ents[e as usize].spoke;
                let found = self
                    .seen
                    .iter()
                    .rev()
                    .take(LOOKBACK)
                    .filter(fits)
                    .find(|m| spoke(m.entity))
                    .or_else(|| self.seen.iter().rev().take(LOOKBACK).find(fits));
                if let Some(e) = found.map(|m| m.entity) {
                    self.add_mention(s, e, MentionForm::Nominal);
                    return Some(e);
                }
            }
        }
        // A new entity described by a common noun phrase.
        let plural = matches!(util::pos(doc, head), "NNS" | "NNPS");
        let etype = if is_in(MEDIA_WORDS, &head_w) && media_words(&lower_words(doc, core)) {
            EntityType::Media
        } else if is_in(DOCUMENT_WORDS, &head_w) {
            EntityType::Document
        } else if is_in(PERSON_ROLES, &head_w) && !plural {
            EntityType::Person
        } else if plural || is_in(GROUP_WORDS, &head_w) {
            EntityType::Group
        } else {
            EntityType::Organization
        };
        // Same description again ("Analysts at Brenner Bank" … "the analysts").
        let key = util::words(doc, strip_determiner(doc, core));
        if let Some(&e) = self.by_description.get(&key) {
            if !self.ents[e as usize].proper {
                self.add_mention(s, e, MentionForm::Nominal);
                return Some(e);
            }
        }
        let e = self.new_entity(etype, core, false);
        self.by_description.insert(key, e);
        self.add_mention(s, e, MentionForm::Nominal);
        Some(e)
    }

    /// An unnamed source, or `None` when the phrase is not one.
    fn anonymous(
        &mut self,
        s: TokenSpan,
        core: TokenSpan,
        head: TokenId,
        speaking: bool,
    ) -> Option<u32> {
        let doc = self.doc;
        // "Two of Norland's biggest grocers, Fenmark and Sollo,": an appositive names them.
        let named_after_comma = (s.start..s.end)
            .find(|&t| doc.token_text(t) == ",")
            .is_some_and(|comma| {
                doc.names.iter().any(|n| {
                    matches!(n.kind, NameKind::Person | NameKind::Organization)
                        && n.span.start == comma + 1
                        && n.span.end <= s.end
                })
            });
        if named_after_comma {
            return None;
        }
        let first = util::lower(doc, core.start);
        let all: Vec<String> = (s.start..s.end).map(|t| util::lower(doc, t)).collect();
        let after: Vec<String> = (s.end..(s.end + 8).min(doc.tokens.len() as u32))
            .map(|t| util::lower(doc, t))
            .collect();
        let marked = all
            .iter()
            .chain(after.iter().take(6))
            .any(|w| is_in(ANON_MARKERS, w))
            || all
                .windows(2)
                .any(|w| w[0] == "not" && w[1] == "authorized");
        // An explicit anonymity phrase in the source: "unnamed", "who spoke on condition of
        // anonymity", "who asked not to be named".
        let strong = all.iter().any(|w| {
            matches!(
                w.as_str(),
                "unnamed" | "anonymous" | "anonymity" | "anonymously"
            )
        }) || all
            .iter()
            .any(|w| matches!(w.as_str(), "named" | "identified" | "name" | "names"))
            && all
                .iter()
                .any(|w| matches!(w.as_str(), "not" | "declined" | "refused"));
        let marked = marked || strong;
        // "A group of 40 scientists" (who signed an open letter) is a group that speaks in
        // its own name, not an unnamed source, unless the phrase says it is one.
        if !marked
            && matches!(
                util::lower(doc, head).as_str(),
                "group" | "coalition" | "panel" | "delegation" | "team"
            )
        {
            return None;
        }
        // Partitive back-reference: "one of them", "one of the officials".
        let partitive = (first == "one" || util::pos(doc, core.start) == "CD")
            && all.get(1).map(String::as_str) == Some("of");
        // "Three officials described the meeting. One said …": only when the last people
        // mentioned are the anonymous source.
        let bare = core.len() == 1 && matches!(first.as_str(), "one" | "both" | "another");
        if bare {
            let last = self.recent_of(
                &[EntityType::Person, EntityType::Group, EntityType::Anonymous],
                s.start,
            );
            if let Some(e) = last.filter(|&e| self.ents[e as usize].etype == EntityType::Anonymous)
            {
                self.add_mention(s, e, MentionForm::Nominal);
                return Some(e);
            }
        }
        let mut head = head;
        if partitive {
            // "One of them", or "one of the stewards" after stewards: only then the last
            // anonymous source ("One of the club's stewards" is not "a person familiar with
            // the review").
            let noun = (core.start..core.end)
                .rev()
                .find(|&t| util::pos(doc, t).starts_with("NN"))
                .map(|t| util::lower(doc, t));
            let back = self
                .recent_of(&[EntityType::Anonymous], s.start)
                .filter(|&e| {
                    noun.as_ref().is_none_or(|n| {
                        self.ents[e as usize].words.iter().any(|w| {
                            w == n
                                || w.strip_suffix('s') == Some(n.as_str())
                                || n.strip_suffix('s') == Some(w.as_str())
                        })
                    })
                });
            if let Some(e) = back {
                self.add_mention(s, e, MentionForm::Nominal);
                return Some(e);
            }
            // No antecedent: "One of the pilots, who asked not to be identified," is
            // described by the noun after "of" (its last noun: "one of the officials
            // involved").
            head = (core.start..core.end)
                .rev()
                .find(|&t| util::pos(doc, t).starts_with("NN"))
                .unwrap_or(core.end - 1);
        } else if is_in(QUANTITY_WORDS, &util::lower(doc, head))
            && head + 1 < core.end
            && util::lower(doc, head + 1) == "of"
        {
            // "A number of officials", "a handful of employees".
            head = core.end - 1;
        } else if !util::pos(doc, head).starts_with("NN") {
            // A mistagged head or parse: "An official (JJ) speaking (NN) on background", "a
            // person close (RB, the head) to the organisers".
            if let Some(t) =
                (core.start..core.end).find(|&t| is_in(ANON_HEADS, &util::lower(doc, t)))
            {
                head = t;
            } else if matches!(util::lower(doc, head).as_str(), "a" | "an" | "the") {
                // "A cleaner (JJR) who …": the last word of the phrase.
                if let Some(t) = (core.start..core.end)
                    .rev()
                    .find(|&t| !util::is_punct(doc, t) && util::pos(doc, t) != "DT")
                {
                    head = t;
                }
            }
        }
        let head_w = util::lower(doc, head);
        // A person noun in WordNet ("firefighters", "a nurse"), in its singular; with an
        // anonymity phrase, also a noun with a person sense that is not its first ("a
        // regulator who asked not to be named", "a senior figure in the party").
        let mut lemma = String::new();
        hearsay_attrib::lex::lemma_into(&head_w, false, util::pos(doc, head) == "NNS", &mut lemma);
        let classes = hearsay_attrib::lexicon::Lexicon::embedded().get(&lemma);
        let person_noun = (classes.noun_first == 18 || marked && classes.noun_mask & 1 << 18 != 0)
            && !is_in(GROUP_WORDS, &head_w);
        // "Those familiar with the talks", "those briefed on the plan".
        let those = head_w == "those" && marked;
        // With an explicit anonymity phrase, any common noun that does not name an
        // organisation, outlet or document ("A co-author of the papers, who asked not to be
        // named,").
        let withheld = strong
            && util::pos(doc, head).starts_with("NN")
            && !util::pos(doc, head).starts_with("NNP")
            && ![
                ORG_WORDS,
                MEDIA_WORDS,
                DOCUMENT_WORDS,
                PIECE_WORDS,
                GOVERNMENT_WORDS,
            ]
            .iter()
            .any(|l| is_in(l, &head_w));
        let anon_head = is_in(ANON_HEADS, &head_w) || person_noun || those || withheld;
        if !anon_head {
            return None;
        }
        // "A former commander, General Pavel Nestor,": named in an appositive.
        let named = (s.start..s.end).any(|t| {
            util::lower(doc, t) == ","
                && t + 2 < s.end
                && util::pos(doc, t + 1) == "NNP"
                && util::pos(doc, t + 2) == "NNP"
        });
        // … or right after it ("According to a diplomat, Marek Olt, the talks …").
        let n = doc.tokens.len() as u32;
        let named_after = s.end + 2 < n
            && util::lower(doc, s.end) == ","
            && util::pos(doc, s.end + 1) == "NNP"
            && util::pos(doc, s.end + 2) == "NNP";
        if named || named_after {
            return None;
        }
        if first == "the" || first == "this" || first == "that" {
            // "the person said", "the official added": an earlier anonymous source.
            let back = self
                .ents
                .iter()
                .rposition(|e| {
                    // Singular or plural: "the engineer" after "Two engineers at the mine".
                    e.etype == EntityType::Anonymous
                        && e.words.iter().any(|w| {
                            *w == head_w
                                || w.strip_suffix('s') == Some(head_w.as_str())
                                || head_w.strip_suffix('s') == Some(w.as_str())
                        })
                })
                .or_else(|| {
                    self.ents
                        .iter()
                        .rposition(|e| e.etype == EntityType::Anonymous)
                        .filter(|_| matches!(head_w.as_str(), "source" | "person" | "official"))
                });
            if let Some(e) = back {
                self.add_mention(s, e as u32, MentionForm::Nominal);
                return Some(e as u32);
            }
            if !marked {
                return None;
            }
        }
        let indefinite = matches!(
            first.as_str(),
            "a" | "an"
                | "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "several"
                | "some"
                | "many"
                | "other"
                | "another"
                | "few"
                | "multiple"
                | "various"
                | "numerous"
                | "someone"
                | "somebody"
        ) || util::pos(doc, core.start) == "CD"
            // A counted plural: "At least two employees", "More than a dozen staffers", "No
            // fewer than five engineers".
            || (head_w.ends_with('s')
                && (core.start..head).any(|t| {
                    util::pos(doc, t) == "CD"
                        || matches!(util::lower(doc, t).as_str(), "dozen" | "dozens" | "several")
                }));
        // Bare plurals: "officials said", "sources said" (not "researchers said").
        let bare_plural = matches!(
            head_w.as_str(),
            "officials" | "sources" | "insiders" | "aides" | "diplomats" | "people"
        ) && !matches!(
            first.as_str(),
            "the" | "these" | "those" | "its" | "their" | "his" | "her"
        );
        if !(marked || indefinite || bare_plural) {
            return None;
        }
        if !speaking && !marked {
            return None;
        }
        let descriptor = descriptor_span(doc, core);
        let e = self.new_entity(EntityType::Anonymous, descriptor, false);
        self.ents[e as usize].descriptor = Some(descriptor);
        self.add_mention(s, e, MentionForm::Nominal);
        // Affiliation: a name or organisation noun after close to / in / at / from / within.
        let aff = self
            .affiliation(descriptor)
            .or_else(|| self.premodifier_affiliation(core, head))
            .or_else(|| self.spokesperson_of(core, head));
        self.ents[e as usize].affiliation = aff;
        Some(e)
    }

    /// A bare "a spokesman" (no name or organisation in the phrase): the spokesman of the
    /// organisation that spoke last, in this paragraph or the one before ("Norvik rejected the
    /// claims. In an emailed statement, a spokesman said …").
    fn spokesperson_of(&self, core: TokenSpan, head: TokenId) -> Option<u32> {
        let doc = self.doc;
        if core.len() != 2
            || !util::lower(doc, head).starts_with("spokes")
            || !matches!(util::lower(doc, core.start).as_str(), "a" | "an")
        {
            return None;
        }
        let para = self.paragraph_of(core.start);
        self.seen
            .iter()
            .rev()
            .take(LOOKBACK)
            .filter(|m| m.at < core.start && m.paragraph + 1 >= para)
            .find(|m| {
                let e = &self.ents[m.entity as usize];
                e.spoke && matches!(e.etype, EntityType::Organization | EntityType::Media)
            })
            .map(|m| m.entity)
    }

    /// "a ministry spokeswoman", "a Hallam employee", "a company official": a name or an
    /// organisation noun before the head is the organisation the source belongs to (the one
    /// of that name, or the latest one described with that noun).
    fn premodifier_affiliation(&mut self, core: TokenSpan, head: TokenId) -> Option<u32> {
        let doc = self.doc;
        if head <= core.start {
            return None;
        }
        let mods = TokenSpan {
            start: core.start,
            end: head,
        };
        let name = doc
            .names
            .iter()
            .filter(|n| {
                matches!(n.kind, NameKind::Organization | NameKind::Misc)
                    && util::contains(mods, n.span)
            })
            .max_by_key(|n| n.span.len())
            .copied();
        if let Some(n) = name {
            return Some(self.name_entity(n.span, n.kind, false));
        }
        (mods.start..mods.end)
            .rev()
            .map(|t| util::lower(doc, t))
            .find(|w| is_in(ORG_WORDS, w))
            .and_then(|w| {
                self.by_word_where(&w, core.start, |e| {
                    matches!(e.etype, EntityType::Organization | EntityType::Media)
                })
            })
    }

    fn affiliation(&mut self, d: TokenSpan) -> Option<u32> {
        let doc = self.doc;
        let prep = (d.start..d.end).find(|&t| {
            matches!(
                util::lower(doc, t).as_str(),
                "to" | "in" | "at" | "from" | "within" | "inside" | "with" | "of" | "for"
            ) && t > d.start
        })?;
        let rest = TokenSpan {
            start: prep + 1,
            end: d.end,
        };
        if rest.is_empty() {
            return None;
        }
        // "familiar with the matter", "involved in the talks": not an affiliation.
        let w = util::words(doc, rest);
        if matches!(
            w.as_str(),
            "the matter"
                | "the talks"
                | "the situation"
                | "the plans"
                | "the discussions"
                | "the negotiations"
                | "the case"
                | "the investigation"
                | "the deal"
                | "them"
        ) {
            return None;
        }
        let name = doc
            .names
            .iter()
            .filter(|n| {
                matches!(
                    n.kind,
                    NameKind::Organization | NameKind::Location | NameKind::Misc
                ) && util::contains(rest, n.span)
            })
            .max_by_key(|n| n.span.len())
            .copied();
        if let Some(n) = name {
            // The whole phrase after the preposition when the name is a modifier
            // ("the Russian Defense Ministry", "Carvessa's defence ministry").
            let head = util::span_head(doc, rest).unwrap_or(n.span.start);
            if n.span.contains(head) {
                return Some(self.name_entity(n.span, n.kind, false));
            }
        }
        let head = util::span_head(doc, rest)?;
        let hw = util::lower(doc, head);
        if is_in(ORG_WORDS, &hw) || name.is_some() {
            return self.noun_phrase(rest, false);
        }
        None
    }

    /// "who", "which", "that": the noun the relative clause modifies.
    fn relative(&mut self, s: TokenSpan) -> Option<u32> {
        let doc = self.doc;
        let t = s.start;
        let mut ante = None;
        if self.tree.parsed() {
            // relative pronoun -> relcl verb -> noun
            let mut x = util::head(doc, t);
            for _ in 0..3 {
                let Some(v) = x else { break };
                if util::deprel(doc, v) == "acl:relcl" || util::deprel(doc, v) == "acl" {
                    ante = util::head(doc, v);
                    break;
                }
                x = util::head(doc, v);
            }
        }
        let is_date = |x: TokenId| {
            let from = doc.names.partition_point(|n| n.span.end <= x);
            doc.names[from..]
                .iter()
                .take(4)
                .any(|n| n.kind == NameKind::Date && n.span.contains(x))
        };
        // "an article on Sunday that said": past the date to the noun it modifies.
        for _ in 0..2 {
            match ante {
                Some(a) if is_date(a) => ante = util::head(doc, a).filter(|&h| h < a),
                _ => break,
            }
        }
        let is_noun = |x: TokenId| {
            let p = util::pos(doc, x);
            p.starts_with("NN") || p == "PRP" || p == "CD"
        };
        let ante = ante.filter(|&a| !is_date(a) && is_noun(a)).or_else(|| {
            (t.saturating_sub(12)..t)
                .rev()
                .find(|&x| util::pos(doc, x).starts_with("NN") && !is_date(x))
        })?;
        if ante >= t {
            return None;
        }
        // The antecedent phrase: its left modifiers up to the noun.
        let sub = self.tree.subtree(ante);
        let mut start = sub.start.min(ante);
        // Not the preposition the noun hangs on ("challenged by | two former managers, who").
        while start < ante && matches!(util::pos(doc, start), "IN" | "TO") {
            start += 1;
        }
        let np = TokenSpan {
            start,
            end: ante + 1,
        };
        // An antecedent already resolved (the source of the speech act the relative clause
        // hangs on) is that entity, not a second one of the same description.
        let known = self
            .mentions
            .iter()
            .rev()
            .take(16)
            .find(|m| m.span.start == np.start && m.span.end >= np.end)
            .map(|m| m.entity);
        let e = match known {
            Some(e) => e,
            None => self.noun_phrase(np, true)?,
        };
        self.add_mention(s, e, MentionForm::Pronoun);
        Some(e)
    }

    /// The most recent entity one of whose mentions has the word `w` ("the spokesman"); an
    /// anonymous source only for its own kind of noun ("the official").
    fn by_word(&self, w: &str, before: TokenId) -> Option<u32> {
        self.by_word_where(w, before, |_| true)
    }

    /// [`Self::by_word`] among the entities `ok` accepts.
    fn by_word_where(&self, w: &str, before: TokenId, ok: impl Fn(&Ent) -> bool) -> Option<u32> {
        self.seen
            .iter()
            .rev()
            .take(LOOKBACK)
            .filter(|m| m.at < before)
            .find(|m| {
                let e = &self.ents[m.entity as usize];
                // "the union" is not the person introduced as "the union's secretary".
                let compatible = if is_in(PERSON_ROLES, w) || role_gender(w).is_some() {
                    matches!(e.etype, EntityType::Person | EntityType::Anonymous)
                } else if is_in(ORG_WORDS, w) || is_in(MEDIA_WORDS, w) {
                    matches!(e.etype, EntityType::Organization | EntityType::Media)
                } else {
                    true
                };
                compatible
                    && ok(e)
                    && e.words.iter().any(|x| x == w)
                    && (e.etype != EntityType::Anonymous || is_in(ANON_HEADS, w))
            })
            .map(|m| m.entity)
    }

    /// The most recently mentioned entity of one of the types.
    fn recent_of(&self, types: &[EntityType], before: TokenId) -> Option<u32> {
        self.seen
            .iter()
            .rev()
            .take(LOOKBACK)
            .filter(|m| m.at < before)
            .find(|m| types.contains(&self.ents[m.entity as usize].etype))
            .map(|m| m.entity)
    }

    /// A third-person pronoun: the best earlier mention of a compatible entity.
    fn pronoun(
        &mut self,
        s: TokenSpan,
        types: &[EntityType],
        gender: Option<Gender>,
        plural: Option<bool>,
    ) -> Option<u32> {
        let at = s.start;
        let sent = self.sentence_of(at);
        let para = self.paragraph_of(at);
        // The content the pronoun sits in (innermost): a candidate mentioned earlier inside it
        // is likelier than the content's own speaker ("Peskov said the Kremlin didn't know what
        // Trump meant when he asserted …").
        let inside = self.containing(
            TokenSpan {
                start: at,
                end: at + 1,
            },
            false,
        );
        let nearest_subject =
            self.seen
                .iter()
                .enumerate()
                .rev()
                .take(LOOKBACK)
                .find_map(|(k, m)| {
                    let e = &self.ents[m.entity as usize];
                    (m.at < at && m.sentence == sent && m.subject && types.contains(&e.etype))
                        .then_some(k)
                });
        let mut best: Option<(f32, u32)> = None;
        for (k, m) in self.seen.iter().enumerate().rev().take(LOOKBACK) {
            if m.at >= at {
                continue;
            }
            if para.saturating_sub(m.paragraph) > 3 {
                break;
            }
            let e = &self.ents[m.entity as usize];
            if !types.contains(&e.etype) {
                continue;
            }
            // The dateline's place is where the story was filed, never what "it" refers to.
            if e.etype == EntityType::Place && m.sentence == 0 && m.at < 3 {
                continue;
            }
            if let (Some(g), true) = (gender, e.gender != Gender::Unknown) {
                if g != e.gender {
                    continue;
                }
            }
            if let Some(p) = plural {
                let ep = (e.plural && !m.one_of) || e.etype == EntityType::Group;
                if p != ep && e.etype != EntityType::Organization {
                    continue;
                }
            }
            let dist = (sent - m.sentence.min(sent)) as f32;
            let mut score = -2.0 * dist - 0.5 * (para - m.paragraph.min(para)) as f32;
            // Subjects of main clauses are the likeliest antecedents, other subjects next.
            if m.main_subject {
                score += 1.5;
            } else if m.subject {
                score += 0.75;
            }
            // In the pronoun's own sentence, the closest subject before it ("Peskov said the
            // Kremlin didn't know what Trump meant when he asserted …" → Trump).
            if m.sentence == sent && Some(k) == nearest_subject {
                score += 2.5;
            }
            if m.speaker && m.reported.is_none() {
                score += 1.5;
            }
            // Someone mentioned inside another speaker's words is a weaker antecedent for a
            // pronoun outside those words.
            if m.sentence != sent && m.reported.is_some_and(|c| !c.contains(at)) {
                score -= 1.0;
            }
            if inside.is_some_and(|c| c.contains(m.at)) {
                score += 2.5;
            }
            if e.etype == EntityType::Place {
                score -= 1.0;
            }
            // A known gender that agrees beats an unknown one ("she" after a source already
            // called "she", past a man whose first name the table lacks).
            if gender.is_some() && Some(e.gender) == gender {
                score += GENDER_AGREES;
            }
            score -= 0.001 * (self.seen.len() - k) as f32;
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, m.entity));
            }
        }
        let (_, e) = best?;
        if let Some(g) = gender {
            let ent = &mut self.ents[e as usize];
            if ent.gender == Gender::Unknown {
                ent.gender = g;
            }
        }
        self.add_mention(s, e, MentionForm::Pronoun);
        Some(e)
    }
}

/// "One of the …" / "a … of": a singular member of a plural set.
/// A headline: a sentence of at least three words whose words of four letters or more are
/// nearly all capitalised ("Pence: Gennifer Flowers Won't Be at Debate, Trump Was 'Mocking'
/// Clinton Camp").
fn headline(doc: &Doc, sentence: u32) -> bool {
    let Some(s) = doc.sentences.get(sentence as usize) else {
        return false;
    };
    let long: Vec<&str> = (s.tokens.start..s.tokens.end)
        .map(|t| doc.token_text(t))
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 4)
        .collect();
    let capital = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    long.len() >= 3 && capital * 10 >= long.len() * 8
}

fn one_of(doc: &Doc, s: TokenSpan) -> bool {
    s.len() > 2
        && matches!(util::lower(doc, s.start).as_str(), "one" | "a" | "an")
        && util::lower(doc, s.start + 1) == "of"
}

/// A tagged name with what the tagger cut off: "Velour &" + "Vine" → "Velour & Vine".
fn full_name(doc: &Doc, span: TokenSpan) -> TokenSpan {
    let n = doc.tokens.len() as u32;
    let mut end = span.end;
    if end < n
        && doc.token_text(end.saturating_sub(1)) == "&"
        && util::pos(doc, end).starts_with("NNP")
    {
        end += 1;
    } else if end + 1 < n
        && doc.token_text(end) == "&"
        && util::pos(doc, end + 1).starts_with("NNP")
    {
        end += 2;
    }
    TokenSpan {
        start: span.start,
        end,
    }
}

/// Honorifics that make a name a person's ("Dr Anika Rao", "Mr. Bell").
fn honorific(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "dr" | "mr" | "mrs" | "ms" | "prof" | "sir" | "dame" | "rev" | "mx" | "miss"
    )
}

/// The kind of a tagged name, corrected: a name with an honorific in it or just before it is
/// a person's, whatever the tagger said; "Adwise Data"-like names (a last word that names a
/// kind of business) are organisations.
fn name_kind(doc: &Doc, span: TokenSpan, kind: NameKind) -> NameKind {
    let first = util::lower(doc, span.start);
    let before = (span.start > 0).then(|| util::lower(doc, span.start - 1));
    if honorific(&first) || before.as_deref().is_some_and(honorific) {
        return NameKind::Person;
    }
    let last = util::lower(doc, span.end.saturating_sub(1).max(span.start));
    if kind == NameKind::Person && span.len() > 1 && is_in(ORG_SUFFIXES, &last) {
        return NameKind::Organization;
    }
    kind
}

/// "Kremlin spokesman Dmitry Peskov, who …" → up to before the comma / relative clause.
fn core_np(doc: &Doc, s: TokenSpan) -> TokenSpan {
    let mut end = s.end;
    for t in s.start + 1..s.end {
        let w = util::lower(doc, t);
        if w == "," || w == "who" || w == "which" || w == "speaking" || w == "because" || w == "(" {
            end = t;
            break;
        }
        // A reduced relative clause: "Customers interviewed outside the branch on Thursday".
        if matches!(util::pos(doc, t), "VBN" | "VBD")
            && w.ends_with("ed")
            && matches!(util::pos(doc, t - 1), "NN" | "NNS")
            && t + 1 < s.end
            && matches!(util::pos(doc, t + 1), "IN" | "RB")
        {
            end = t;
            break;
        }
    }
    util::trim(
        doc,
        TokenSpan {
            start: s.start,
            end,
        },
    )
}

/// An anonymous source's descriptor: the core noun phrase.
fn descriptor_span(doc: &Doc, core: TokenSpan) -> TokenSpan {
    util::trim(doc, core)
}

/// The span without a leading determiner or possessive pronoun.
fn strip_determiner(doc: &Doc, s: TokenSpan) -> TokenSpan {
    let mut s = util::trim(doc, s);
    if s.len() > 1
        && matches!(
            util::lower(doc, s.start).as_str(),
            "the" | "a" | "an" | "this" | "that" | "its" | "his" | "her" | "their"
        )
    {
        s.start += 1;
    }
    s
}

fn acronym(words: &[String]) -> String {
    words
        .iter()
        .filter(|w| !matches!(w.as_str(), "of" | "and" | "the" | "for"))
        .filter_map(|w| w.chars().next())
        .collect()
}
