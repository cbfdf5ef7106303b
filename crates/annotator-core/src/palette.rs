//! Label colours from the label file, for a label set of any size: each label's colour
//! (`"color"` in labels.json) becomes CSS rules, with the text colour on it chosen for
//! contrast (WCAG relative luminance) and a lighter variant for dark mode. Only `#rgb` and
//! `#rrggbb` are accepted (anything else could smuggle CSS); a label without a usable
//! colour gets one from the Okabe-Ito palette by position. Pure, so tested natively; the
//! browser edge inserts the rules into the page's stylesheet through the CSSOM (allowed by
//! the CSP, unlike inline style).

/// Okabe-Ito, colour-blind safe: the fallback by position.
const FALLBACK: [(u8, u8, u8); 7] = [
    (0x00, 0x72, 0xb2),
    (0xd5, 0x5e, 0x00),
    (0x00, 0x9e, 0x73),
    (0xcc, 0x79, 0xa7),
    (0xe6, 0x9f, 0x00),
    (0x56, 0xb4, 0xe9),
    (0xf0, 0xe4, 0x42),
];

/// The page's backgrounds (static/style.css `--bg`), light and dark.
const LIGHT_BG: (u8, u8, u8) = (0xfd, 0xfd, 0xfc);
const DARK_BG: (u8, u8, u8) = (0x17, 0x18, 0x1a);

type Rgb = (u8, u8, u8);

/// `#rgb` or `#rrggbb`, nothing else.
pub fn parse_hex(s: &str) -> Option<Rgb> {
    let h = s.trim().strip_prefix('#')?;
    if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let v = |a: &str| u8::from_str_radix(a, 16).ok();
    match h.len() {
        3 => {
            let d: Vec<u8> = h.bytes().map(|b| (b as char).to_digit(16).unwrap_or(0) as u8 * 17).collect();
            Some((d[0], d[1], d[2]))
        }
        6 => Some((v(&h[0..2])?, v(&h[2..4])?, v(&h[4..6])?)),
        _ => None,
    }
}

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// WCAG relative luminance.
pub fn luminance(c: Rgb) -> f64 {
    let ch = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(c.0) + 0.7152 * ch(c.1) + 0.0722 * ch(c.2)
}

/// WCAG contrast ratio (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// Black or white, whichever reads better on `bg`.
pub fn ink(bg: Rgb) -> Rgb {
    if contrast(bg, (0, 0, 0)) >= contrast(bg, (255, 255, 255)) {
        (0, 0, 0)
    } else {
        (255, 255, 255)
    }
}

/// `c` mixed towards `to` until it stands out from `bg` by at least `ratio`.
fn towards(c: Rgb, to: Rgb, bg: Rgb, ratio: f64) -> Rgb {
    let mix = |a: u8, b: u8, t: f64| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    (0..=20)
        .map(|i| f64::from(i) / 20.0)
        .map(|t| (mix(c.0, to.0, t), mix(c.1, to.1, t), mix(c.2, to.2, t)))
        .find(|m| contrast(*m, bg) >= ratio)
        .unwrap_or(to)
}

/// The colour of the label at `rank`: its own if usable, else the palette's.
pub fn colour(rank: usize, given: &str) -> Rgb {
    parse_hex(given).unwrap_or(FALLBACK[rank % FALLBACK.len()])
}

/// CSS rules giving every label its colours (one rule per string, for `insertRule`).
pub fn css_rules(colours: &[&str]) -> Vec<String> {
    let mut light = String::new();
    let mut dark = String::new();
    let mut rules = Vec::new();
    for (i, given) in colours.iter().enumerate() {
        let c = colour(i, given);
        // Lines and bars must stand out from the page (3:1, non-text contrast).
        let l = towards(c, (0, 0, 0), LIGHT_BG, 3.0);
        let d = towards(c, (255, 255, 255), DARK_BG, 3.0);
        light.push_str(&format!("--label-{i}:{};--ink-{i}:{};", hex(l), hex(ink(l))));
        dark.push_str(&format!("--label-{i}:{};--ink-{i}:{};", hex(d), hex(ink(d))));
        rules.push(format!(
            ".sentence.label-{i}{{background:color-mix(in srgb,var(--label-{i}) var(--tint),transparent);\
             border-bottom-color:var(--label-{i})}}"
        ));
        rules.push(format!(".tag.label-{i}{{background:var(--label-{i});color:var(--ink-{i})}}"));
        rules.push(format!(".label-button.label-{i}{{border-color:var(--label-{i})}}"));
        rules.push(format!(
            ".label-button[aria-pressed=\"true\"].label-{i}{{background:var(--label-{i});color:var(--ink-{i})}}"
        ));
        rules.push(format!(".bar.label-{i}{{fill:var(--label-{i})}}"));
    }
    rules.insert(0, format!(":root{{{light}}}"));
    rules.insert(1, format!("@media (prefers-color-scheme: dark){{:root{{{dark}}}}}"));
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hex_colours_are_taken() {
        assert_eq!(parse_hex("#0072B2"), Some((0x00, 0x72, 0xb2)));
        assert_eq!(parse_hex("#fff"), Some((255, 255, 255)));
        for bad in ["red", "#12345", "#gggggg", "#fff;}body{display:none", "", "#"] {
            assert_eq!(parse_hex(bad), None, "{bad}");
        }
        assert_eq!(colour(1, "url(x)"), FALLBACK[1]);
    }

    #[test]
    fn contrast_matches_wcag_reference_values() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        // The classic WCAG example: #777777 on white is 4.48:1, just short of AA.
        assert!((contrast((0x77, 0x77, 0x77), (255, 255, 255)) - 4.48).abs() < 0.005);
    }

    #[test]
    fn every_label_of_any_set_gets_readable_colours() {
        let given: Vec<String> = (0..12)
            .map(|i| if i % 3 == 0 { "bogus".into() } else { format!("#{:02x}{:02x}40", i * 20, 255 - i * 20) })
            .collect();
        let refs: Vec<&str> = given.iter().map(String::as_str).collect();
        let rules = css_rules(&refs);
        assert_eq!(rules.len(), 2 + 5 * 12);
        assert!(rules.iter().any(|r| r.starts_with(".tag.label-11{")));
        for (i, g) in refs.iter().enumerate() {
            let c = colour(i, g);
            for (bg, to) in [(LIGHT_BG, (0, 0, 0)), (DARK_BG, (255, 255, 255))] {
                let shown = towards(c, to, bg, 3.0);
                assert!(contrast(shown, bg) >= 3.0);
                assert!(contrast(ink(shown), shown) >= 4.5, "text on label {i}");
            }
        }
        assert!(!rules.iter().any(|r| r.contains("bogus")));
    }
}
