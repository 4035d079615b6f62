//! Element names the tree builder and the extractor care about, recognised
//! case-insensitively; anything else is [`Tag::Other`] (its name stays in the
//! source and can be compared with [`crate::Dom::name`]).

/// A known element name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Tag {
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Base,
    Script,
    Style,
    Noscript,
    Template,
    Iframe,
    Textarea,
    Xmp,
    Noembed,
    Noframes,
    Plaintext,
    Svg,
    Math,
    Object,
    Embed,
    Param,
    Canvas,
    Video,
    Audio,
    Source,
    Track,
    Picture,
    Img,
    Area,
    Map,
    Br,
    Hr,
    Wbr,
    Input,
    Button,
    Select,
    Option,
    Optgroup,
    Form,
    Label,
    Fieldset,
    Legend,
    Div,
    P,
    Span,
    A,
    B,
    I,
    Em,
    Strong,
    U,
    Small,
    Sub,
    Sup,
    Abbr,
    Cite,
    Code,
    Q,
    S,
    Strike,
    Del,
    Ins,
    Mark,
    Time,
    Font,
    Center,
    Big,
    Nobr,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Header,
    Footer,
    Nav,
    Aside,
    Main,
    Article,
    Section,
    Figure,
    Figcaption,
    Address,
    Details,
    Summary,
    Dialog,
    Menu,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Table,
    Caption,
    Thead,
    Tbody,
    Tfoot,
    Tr,
    Td,
    Th,
    Col,
    Colgroup,
    Blockquote,
    Pre,
    Other,
}

impl Tag {
    /// Recognises a tag name (any case).
    pub fn from_name(name: &[u8]) -> Tag {
        if name.len() > 10 {
            return Tag::Other;
        }
        let mut buf = [0u8; 10];
        for (d, s) in buf.iter_mut().zip(name) {
            *d = s.to_ascii_lowercase();
        }
        match &buf[..name.len()] {
            b"html" => Tag::Html,
            b"head" => Tag::Head,
            b"body" => Tag::Body,
            b"title" => Tag::Title,
            b"meta" => Tag::Meta,
            b"link" => Tag::Link,
            b"base" => Tag::Base,
            b"script" => Tag::Script,
            b"style" => Tag::Style,
            b"noscript" => Tag::Noscript,
            b"template" => Tag::Template,
            b"iframe" => Tag::Iframe,
            b"textarea" => Tag::Textarea,
            b"xmp" => Tag::Xmp,
            b"noembed" => Tag::Noembed,
            b"noframes" => Tag::Noframes,
            b"plaintext" => Tag::Plaintext,
            b"svg" => Tag::Svg,
            b"math" => Tag::Math,
            b"object" => Tag::Object,
            b"embed" => Tag::Embed,
            b"param" => Tag::Param,
            b"canvas" => Tag::Canvas,
            b"video" => Tag::Video,
            b"audio" => Tag::Audio,
            b"source" => Tag::Source,
            b"track" => Tag::Track,
            b"picture" => Tag::Picture,
            b"img" | b"image" => Tag::Img,
            b"area" => Tag::Area,
            b"map" => Tag::Map,
            b"br" => Tag::Br,
            b"hr" => Tag::Hr,
            b"wbr" => Tag::Wbr,
            b"input" => Tag::Input,
            b"button" => Tag::Button,
            b"select" => Tag::Select,
            b"option" => Tag::Option,
            b"optgroup" => Tag::Optgroup,
            b"form" => Tag::Form,
            b"label" => Tag::Label,
            b"fieldset" => Tag::Fieldset,
            b"legend" => Tag::Legend,
            b"div" => Tag::Div,
            b"p" => Tag::P,
            b"span" => Tag::Span,
            b"a" => Tag::A,
            b"b" => Tag::B,
            b"i" => Tag::I,
            b"em" => Tag::Em,
            b"strong" => Tag::Strong,
            b"u" => Tag::U,
            b"small" => Tag::Small,
            b"sub" => Tag::Sub,
            b"sup" => Tag::Sup,
            b"abbr" => Tag::Abbr,
            b"cite" => Tag::Cite,
            b"code" => Tag::Code,
            b"q" => Tag::Q,
            b"s" => Tag::S,
            b"strike" => Tag::Strike,
            b"del" => Tag::Del,
            b"ins" => Tag::Ins,
            b"mark" => Tag::Mark,
            b"time" => Tag::Time,
            b"font" => Tag::Font,
            b"center" => Tag::Center,
            b"big" => Tag::Big,
            b"nobr" => Tag::Nobr,
            b"h1" => Tag::H1,
            b"h2" => Tag::H2,
            b"h3" => Tag::H3,
            b"h4" => Tag::H4,
            b"h5" => Tag::H5,
            b"h6" => Tag::H6,
            b"header" => Tag::Header,
            b"footer" => Tag::Footer,
            b"nav" => Tag::Nav,
            b"aside" => Tag::Aside,
            b"main" => Tag::Main,
            b"article" => Tag::Article,
            b"section" => Tag::Section,
            b"figure" => Tag::Figure,
            b"figcaption" => Tag::Figcaption,
            b"address" => Tag::Address,
            b"details" => Tag::Details,
            b"summary" => Tag::Summary,
            b"dialog" => Tag::Dialog,
            b"menu" => Tag::Menu,
            b"ul" => Tag::Ul,
            b"ol" => Tag::Ol,
            b"li" => Tag::Li,
            b"dl" => Tag::Dl,
            b"dt" => Tag::Dt,
            b"dd" => Tag::Dd,
            b"table" => Tag::Table,
            b"caption" => Tag::Caption,
            b"thead" => Tag::Thead,
            b"tbody" => Tag::Tbody,
            b"tfoot" => Tag::Tfoot,
            b"tr" => Tag::Tr,
            b"td" => Tag::Td,
            b"th" => Tag::Th,
            b"col" => Tag::Col,
            b"colgroup" => Tag::Colgroup,
            b"blockquote" => Tag::Blockquote,
            b"pre" => Tag::Pre,
            _ => Tag::Other,
        }
    }

    /// Elements that never have content (`<br>`, `<img>`...).
    pub fn is_void(self) -> bool {
        matches!(
            self,
            Tag::Meta
                | Tag::Link
                | Tag::Base
                | Tag::Embed
                | Tag::Param
                | Tag::Source
                | Tag::Track
                | Tag::Img
                | Tag::Area
                | Tag::Br
                | Tag::Hr
                | Tag::Wbr
                | Tag::Input
                | Tag::Col
        )
    }

    /// Elements whose content is not markup: the tokenizer reads it verbatim up
    /// to the matching end tag.
    pub fn is_raw_text(self) -> bool {
        matches!(
            self,
            Tag::Script
                | Tag::Style
                | Tag::Noscript
                | Tag::Iframe
                | Tag::Textarea
                | Tag::Title
                | Tag::Xmp
                | Tag::Noembed
                | Tag::Noframes
                | Tag::Plaintext
        )
    }

    /// Raw-text elements whose content still has character references.
    pub fn is_rcdata(self) -> bool {
        matches!(self, Tag::Textarea | Tag::Title)
    }

    pub fn is_heading(self) -> bool {
        matches!(self, Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6)
    }

    /// Start tags that close an open `<p>` (the standard's list).
    pub fn closes_p(self) -> bool {
        matches!(
            self,
            Tag::Address
                | Tag::Article
                | Tag::Aside
                | Tag::Blockquote
                | Tag::Center
                | Tag::Details
                | Tag::Dialog
                | Tag::Div
                | Tag::Dl
                | Tag::Fieldset
                | Tag::Figcaption
                | Tag::Figure
                | Tag::Footer
                | Tag::Form
                | Tag::Header
                | Tag::Hr
                | Tag::Main
                | Tag::Menu
                | Tag::Nav
                | Tag::Ol
                | Tag::P
                | Tag::Pre
                | Tag::Section
                | Tag::Summary
                | Tag::Table
                | Tag::Ul
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Li
                | Tag::Dd
                | Tag::Dt
                | Tag::Plaintext
                | Tag::Xmp
        )
    }

    /// Elements that bound the search for a matching end tag (the standard's
    /// "scope" markers), so that `</div>` inside a cell cannot close a `<div>`
    /// around the table.
    pub fn is_scope_boundary(self) -> bool {
        matches!(
            self,
            Tag::Html
                | Tag::Table
                | Tag::Td
                | Tag::Th
                | Tag::Caption
                | Tag::Template
                | Tag::Object
                | Tag::Svg
                | Tag::Math
        )
    }

    /// Elements that break text into separate blocks (everything that is not
    /// phrasing content).
    pub fn is_block(self) -> bool {
        matches!(
            self,
            Tag::Html
                | Tag::Body
                | Tag::Div
                | Tag::P
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Header
                | Tag::Footer
                | Tag::Nav
                | Tag::Aside
                | Tag::Main
                | Tag::Article
                | Tag::Section
                | Tag::Figure
                | Tag::Figcaption
                | Tag::Address
                | Tag::Details
                | Tag::Summary
                | Tag::Dialog
                | Tag::Menu
                | Tag::Ul
                | Tag::Ol
                | Tag::Li
                | Tag::Dl
                | Tag::Dt
                | Tag::Dd
                | Tag::Table
                | Tag::Caption
                | Tag::Thead
                | Tag::Tbody
                | Tag::Tfoot
                | Tag::Tr
                | Tag::Td
                | Tag::Th
                | Tag::Blockquote
                | Tag::Pre
                | Tag::Form
                | Tag::Fieldset
                | Tag::Legend
                | Tag::Hr
                | Tag::Center
                | Tag::Select
                | Tag::Option
                | Tag::Textarea
                | Tag::Iframe
                | Tag::Video
                | Tag::Audio
                | Tag::Canvas
                | Tag::Object
                | Tag::Picture
                | Tag::Svg
                | Tag::Math
                | Tag::Template
        )
    }
}

/// An attribute the extractor reads; others are skipped by the tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum AttrName {
    Id,
    Class,
    Itemprop,
    Itemtype,
    Property,
    Name,
    Content,
    Datetime,
    Role,
    Rel,
    Type,
    Hidden,
    AriaHidden,
    AriaLabel,
    Style,
    Href,
    DataComponent,
}

impl AttrName {
    /// Recognises an attribute name (any case); `None` for ones we skip.
    pub fn from_name(name: &[u8]) -> Option<AttrName> {
        if name.len() > 14 {
            return None;
        }
        let mut buf = [0u8; 14];
        for (d, s) in buf.iter_mut().zip(name) {
            *d = s.to_ascii_lowercase();
        }
        Some(match &buf[..name.len()] {
            b"id" => AttrName::Id,
            b"class" => AttrName::Class,
            b"itemprop" => AttrName::Itemprop,
            b"itemtype" => AttrName::Itemtype,
            b"property" => AttrName::Property,
            b"name" => AttrName::Name,
            b"content" => AttrName::Content,
            b"datetime" => AttrName::Datetime,
            b"role" => AttrName::Role,
            b"rel" => AttrName::Rel,
            b"type" => AttrName::Type,
            b"hidden" => AttrName::Hidden,
            b"aria-hidden" => AttrName::AriaHidden,
            b"aria-label" => AttrName::AriaLabel,
            b"style" => AttrName::Style,
            b"href" => AttrName::Href,
            b"data-component" => AttrName::DataComponent,
            _ => return None,
        })
    }
}
