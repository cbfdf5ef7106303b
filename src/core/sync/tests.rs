//! Replays of recorded server answers and merge properties.
