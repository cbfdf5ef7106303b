//! The agreement panel's words for a reviewer who is no statistician (docs/FORMAT.md §7): each
//! figure's conventional reading (the core's `AlphaReading` and `KappaBand`) in words with its
//! range, a one-line meaning of each figure for its tooltip, and percent agreement as a percent.

use annotator_core::agreement::{AlphaReading, KappaBand};

/// The figures of the panel, for their meanings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    Alpha,
    Fleiss,
    Cohen,
    Percent,
    AlphaPerLabel,
}

/// What a figure measures, in one line (its row's tooltip).
pub fn meaning(figure: Figure) -> &'static str {
    match figure {
        Figure::Alpha => {
            "How far all annotators agree beyond chance, over every sentence rated at least twice \
             (1: always; 0: as by chance; below 0: systematic disagreement)."
        }
        Figure::Fleiss => "Agreement beyond chance among all annotators, over the sentences every one of them rated.",
        Figure::Cohen => "Agreement beyond chance between these two annotators, over the sentences both rated.",
        Figure::Percent => {
            "The share of sentences rated at least twice on which every rating is the same; not \
             corrected for chance, so it looks better than it is when one category dominates."
        }
        Figure::AlphaPerLabel => {
            "Alpha of one label alone: whether annotators agree that a sentence is this label or not."
        }
    }
}

/// Krippendorff's reading of an alpha, with its range.
pub fn alpha_reading(r: AlphaReading) -> &'static str {
    match r {
        AlphaReading::Reliable => "reliable (α ≥ 0.800)",
        AlphaReading::Tentative => "tentative conclusions only (0.667 ≤ α < 0.800)",
        AlphaReading::Unreliable => "not reliable (α < 0.667)",
    }
}

/// Landis & Koch's band of a kappa, with its range.
pub fn kappa_band(b: KappaBand) -> &'static str {
    match b {
        KappaBand::Poor => "poor (below 0)",
        KappaBand::Slight => "slight (0–0.20)",
        KappaBand::Fair => "fair (0.21–0.40)",
        KappaBand::Moderate => "moderate (0.41–0.60)",
        KappaBand::Substantial => "substantial (0.61–0.80)",
        KappaBand::AlmostPerfect => "almost perfect (0.81–1)",
    }
}

/// A band's short name for a legend.
pub fn band_name(b: KappaBand) -> &'static str {
    kappa_band(b).split(" (").next().unwrap_or_default()
}

/// A bootstrap interval of alpha, as shown under the figure.
pub fn interval(low: f64, high: f64) -> String {
    let at = |v: f64| {
        let s = format!("{v:.3}");
        if s == "-0.000" {
            "0.000".to_owned()
        } else {
            s
        }
    };
    format!("95 % interval {} to {}", at(low), at(high))
}

/// What the interval means, for its tooltip.
pub fn interval_meaning(draws: usize) -> String {
    format!(
        "Bootstrap over the sentences ({draws} draws, the same on every reload): with other sentences of \
         the same kind, alpha would fall in this range 95 times in 100."
    )
}

/// A share (0 to 1) as a percent with one decimal: "52.6 %" (never "-0.0 %").
pub fn percent(share: f64) -> String {
    let s = format!("{:.1} %", share * 100.0);
    if s == "-0.0 %" {
        "0.0 %".to_owned()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_in_words() {
        assert_eq!(percent(0.5263157894736842), "52.6 %");
        assert_eq!(percent(1.0), "100.0 %");
        assert_eq!(percent(-0.0), "0.0 %");
        assert_eq!(interval(-0.0001, 0.4567), "95 % interval 0.000 to 0.457");
        assert!(interval_meaning(1000).contains("1000 draws"));
        assert_eq!(alpha_reading(AlphaReading::of(0.7)), "tentative conclusions only (0.667 ≤ α < 0.800)");
        assert_eq!(kappa_band(KappaBand::of(0.45)), "moderate (0.41–0.60)");
        assert_eq!(band_name(KappaBand::AlmostPerfect), "almost perfect");
        for f in [Figure::Alpha, Figure::Fleiss, Figure::Cohen, Figure::Percent, Figure::AlphaPerLabel] {
            let m = meaning(f);
            assert!(m.ends_with('.') && !m.contains('\n') && m.len() < 200, "one line: {m}");
        }
    }
}
