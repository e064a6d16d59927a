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
    public Task Initializer_that_spells_the_default_value_is_silent()
        // Akka.NET's schedulers: '= TaskSchedulerPriority.None' (0) and '= false' are what every other thread sees anyway.
        => Verify.VerifyAnalyzerAsync(
            """
            using System;

            enum Priority { None = 0, Idle = 4, High = 10 }

            class C
            {
                [ThreadStatic] private static Priority threadPriority = Priority.None;
                [ThreadStatic] private static bool running = false;
                [ThreadStatic] private static int depth = 0;
                [ThreadStatic] private static long ticks = 0L;
                [ThreadStatic] private static string? name = null;
                [ThreadStatic] private static Guid id = default;
                [ThreadStatic] private static Priority {|#0:fallback = Priority.Idle|};
                [ThreadStatic] private static bool {|#1:enabled = true|};
                [ThreadStatic] private static int {|#2:retries = 3|};
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("fallback"),
            Verify.Diagnostic().WithLocation(1).WithArguments("enabled"),
            Verify.Diagnostic().WithLocation(2).WithArguments("retries"));

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

    [Fact]
    public Task Initializer_of_a_private_field_every_read_of_which_copes_with_null_is_silent()
        // Set bb C24: the initializer gives the first thread its builder, every other thread makes its own on first use.
        => Verify.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Text;

            static class Labels
            {
                [ThreadStatic] private static StringBuilder? scratch = new StringBuilder(64);
                [ThreadStatic] private static List<int>? seen = new List<int>();
                [ThreadStatic] private static Random? random = new Random();

                private static StringBuilder Scratch => scratch ??= new StringBuilder(64);

                public static string Format(int n)
                {
                    var sb = Scratch;
                    sb.Clear();
                    return sb.Append(n).ToString();
                }

                public static void Remember(int n)
                {
                    if (seen == null)
                    {
                        seen = new List<int>();
                    }

                    seen.Add(n);
                }

                public static int Roll() => (Labels.random ?? new Random()).Next(6);
            }
            """);

    [Fact]
    public Task Initializer_of_a_field_read_without_a_null_test_is_flagged()
        => Verify.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Text;

            static class Labels
            {
                [ThreadStatic] private static StringBuilder? {|#0:scratch = new StringBuilder(64)|};
                [ThreadStatic] private static List<int>? {|#1:seen = new List<int>()|};
                [ThreadStatic] internal static StringBuilder? {|#2:shared = new StringBuilder()|};

                private static StringBuilder Scratch => scratch ??= new StringBuilder(64);

                public static string Format(int n) => scratch!.Append(n).ToString();

                public static void Remember(int n)
                {
                    seen!.Add(n);
                    if (seen == null)
                    {
                        seen = new List<int>();
                    }
                }

                public static string Other() => (shared ??= new StringBuilder()).ToString();
            }
            """,
            Verify.Diagnostic().WithLocation(0).WithArguments("scratch"),
            Verify.Diagnostic().WithLocation(1).WithArguments("seen"),
            Verify.Diagnostic().WithLocation(2).WithArguments("shared"));
}
