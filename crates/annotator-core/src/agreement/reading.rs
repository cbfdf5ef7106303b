//! What an agreement figure means by convention, so a reviewer who is no statistician can read
//! a panel of decimals (docs/FORMAT.md §7): Krippendorff's thresholds for alpha (Krippendorff
//! 2004, *Content Analysis*, §11.4: data with α ≥ 0.800 are relied on, 0.667 ≤ α < 0.800
//! allow tentative conclusions only, below 0.667 they are not relied on) and the bands of
//! Landis & Koch (1977) for kappa (below 0 poor, up to 0.20 slight, 0.40 fair, 0.60 moderate,
//! 0.80 substantial, above almost perfect). The bands are conventions, not tests; the page
//! shows them beside the figure, never instead of it.

/// Krippendorff's reading of an alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AlphaReading {
    /// α ≥ 0.800.
    Reliable,
    /// 0.667 ≤ α < 0.800.
    Tentative,
    /// α < 0.667.
    Unreliable,
}

impl AlphaReading {
    pub fn of(alpha: f64) -> AlphaReading {
        if alpha >= 0.8 {
            AlphaReading::Reliable
        } else if alpha >= 0.667 {
            AlphaReading::Tentative
        } else {
            AlphaReading::Unreliable
        }
    }

    /// The hook's name (`data-reading`).
    pub fn name(self) -> &'static str {
        match self {
            AlphaReading::Reliable => "reliable",
            AlphaReading::Tentative => "tentative",
            AlphaReading::Unreliable => "unreliable",
        }
    }
}

/// Landis & Koch's band of a kappa, lowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum KappaBand {
    /// κ < 0: less agreement than chance.
    Poor,
    /// 0 ≤ κ ≤ 0.20.
    Slight,
    /// 0.20 < κ ≤ 0.40.
    Fair,
    /// 0.40 < κ ≤ 0.60.
    Moderate,
    /// 0.60 < κ ≤ 0.80.
    Substantial,
    /// κ > 0.80.
    AlmostPerfect,
}

impl KappaBand {
    pub const ALL: [KappaBand; 6] = [
        KappaBand::Poor,
        KappaBand::Slight,
        KappaBand::Fair,
        KappaBand::Moderate,
        KappaBand::Substantial,
        KappaBand::AlmostPerfect,
    ];

    pub fn of(kappa: f64) -> KappaBand {
        // The published bands end at two decimals (0.00–0.20, 0.21–0.40, …): a value is in
        // the band its two-decimal rounding is in, so 0.2049 is slight and 0.205 fair.
        let k = (kappa * 100.0).round() / 100.0;
        match k {
            k if k < 0.0 => KappaBand::Poor,
            k if k <= 0.20 => KappaBand::Slight,
            k if k <= 0.40 => KappaBand::Fair,
            k if k <= 0.60 => KappaBand::Moderate,
            k if k <= 0.80 => KappaBand::Substantial,
            _ => KappaBand::AlmostPerfect,
        }
    }

    /// The hook's name (`data-reading`).
    pub fn name(self) -> &'static str {
        match self {
            KappaBand::Poor => "poor",
            KappaBand::Slight => "slight",
            KappaBand::Fair => "fair",
            KappaBand::Moderate => "moderate",
            KappaBand::Substantial => "substantial",
            KappaBand::AlmostPerfect => "almost-perfect",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn krippendorffs_thresholds() {
        assert_eq!(AlphaReading::of(1.0), AlphaReading::Reliable);
        assert_eq!(AlphaReading::of(0.8), AlphaReading::Reliable);
        assert_eq!(AlphaReading::of(0.7999), AlphaReading::Tentative);
        assert_eq!(AlphaReading::of(0.667), AlphaReading::Tentative);
        assert_eq!(AlphaReading::of(0.6669), AlphaReading::Unreliable);
        assert_eq!(AlphaReading::of(-0.5), AlphaReading::Unreliable);
    }

    #[test]
    fn landis_and_koch_bands() {
        let band = |k| KappaBand::of(k);
        assert_eq!(band(-0.01), KappaBand::Poor);
        assert_eq!(band(-0.004), KappaBand::Slight, "rounds to 0.00");
        assert_eq!((band(0.0), band(0.20), band(0.2049)), (KappaBand::Slight, KappaBand::Slight, KappaBand::Slight));
        assert_eq!((band(0.205), band(0.21), band(0.40)), (KappaBand::Fair, KappaBand::Fair, KappaBand::Fair));
        assert_eq!((band(0.41), band(0.60)), (KappaBand::Moderate, KappaBand::Moderate));
        assert_eq!((band(0.61), band(0.80)), (KappaBand::Substantial, KappaBand::Substantial));
        assert_eq!((band(0.81), band(1.0)), (KappaBand::AlmostPerfect, KappaBand::AlmostPerfect));
        // The Fleiss example of the fixtures (0.2099) is fair, as Wikipedia reads it.
        assert_eq!(band(0.20993070442195522), KappaBand::Fair);
        assert!(KappaBand::ALL.windows(2).all(|w| w[0] < w[1]));
    }
}
