//! Golden IR dumps for the programs in `test_data/lower/` (refresh with `UPDATE_EXPECT=1`).

mod common;

use expect_test::{expect_file, ExpectFile};
use mlpy_ir::LowerOptions;

fn check(name: &str, options: LowerOptions, expect: ExpectFile) {
    let src = common::read("lower", &format!("{name}.ml"));
    let (_, lowered) = common::lower_src(&src, &options);
    expect.assert_eq(&common::render(&src, &lowered));
}

macro_rules! golden {
    ($($name:ident $(: $options:expr)?;)*) => {$(
        #[test]
        fn $name() {
            #[allow(unused_mut, unused_assignments)]
            let mut options = LowerOptions::default();
            $(options = $options;)?
            check(
                stringify!($name),
                options,
                expect_file![concat!("../test_data/lower/", stringify!($name), ".ir")],
            );
        }
    )*};
}

golden! {
    basic_globals;
    sibling_scopes;
    function_decl;
    local_by_assignment;
    unbound_local;
    closure_counter;
    closures_in_loop;
    nonlocal_chain3;
    free_through_intermediate;
    nonlocal_global;
    shadow_builtin;
    bound_in_other_function;
    arrows;
    rest_params;
    anonymous_function;
    destructuring;
    c_style_for;
    try_except;
    imports;
    capabilities;
    literals;
    member_index;
    operators;
    nested_function_decl;
    mutual_recursion;
    implicit_modules;
    except_var_scope;
    loops;
    python_callback;
    python_callback_host: LowerOptions {
        host_globals: vec!["__python_callback".into()],
        ..LowerOptions::default()
    };
    extra_modules: LowerOptions {
        extra_modules: vec!["plugins".into(), "analytics".into()],
        ..LowerOptions::default()
    };
    host_globals: LowerOptions {
        host_globals: vec!["input_data".into(), "config".into()],
        open_world: true,
        extra_modules: vec![],
    };
}
