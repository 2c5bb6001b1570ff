//! Names for the core's enums: one spelling of every state, persona, warning and fault point,
//! used by the catalogue, the adapters and the page alike.

/// Gives a field-less enum `ALL` (every value, in declaration order), `name()` (the variant as
/// it is spelled) and `from_name()` (any case). `name` matches exhaustively, so a variant
/// missing from the list is a compile error.
macro_rules! names {
    ($ty:ident { $($variant:ident),+ $(,)? }) => {
        impl $ty {
            /// Every value, in declaration order.
            pub const ALL: [$ty; [$(stringify!($variant)),+].len()] = [$($ty::$variant),+];

            /// The name, spelled as the variant is (`"Connected"`, `"Strict"`, …).
            pub const fn name(self) -> &'static str {
                match self {
                    $($ty::$variant => stringify!($variant)),+
                }
            }

            /// Reads a name as [`Self::name`] spells it, in any case, ignoring surrounding
            /// white space.
            pub fn from_name(name: &str) -> Option<Self> {
                let name = name.trim();
                Self::ALL.into_iter().find(|v| v.name().eq_ignore_ascii_case(name))
            }
        }
    };
}

pub(crate) use names;
