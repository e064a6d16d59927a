using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.ThreadStaticInitializerAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

public class ThreadStaticInitializerTests
{
    [Fact]
    public Task Initializer_on_a_ThreadStatic_field_is_flagged()
        => Verify.VerifyAnalyzerAsync(
            """
            using System;
            using System.Text;

            class C
            {
                [ThreadStatic] private static StringBuilder {|#0:buffer = new StringBuilder()|};
                [ThreadStatic] private static int depth;
                private static int shared = 1;
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("buffer"));

    [Fact]
    public Task Lazy_per_thread_initialization_is_silent()
        => Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Text;
            using System.Threading;

            class C
            {
                [ThreadStatic] private static StringBuilder buffer;
                private static readonly ThreadLocal<StringBuilder> local = new(() => new StringBuilder());
                private static StringBuilder Buffer => buffer ??= new StringBuilder();
            }
            """);

    [Fact]
    public Task Initializer_on_a_field_ThreadStatic_auto_property_is_flagged()
        => Verify.VerifyAnalyzerAsync(
            """
            using System;
            using System.Text;

            class C
            {
                [field: ThreadStatic] public static StringBuilder {|#0:Buffer { get; set; } = new StringBuilder()|};
                [field: ThreadStatic] public static int Depth { get; set; }
                [field: Obsolete] public static int Old { get; set; } = 1;
                public static int Shared { get; set; } = 1;
                [field: ThreadStatic] public int Instance { get; set; } = 1;
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("Buffer"));
}
