using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A type made for each request (documented as a scoped service, or an ASP.NET Core controller): each request has an
/// instance of its own, but the static state is every request's at once. Blind set ao, R12: a renderer "registered as
/// a scoped service, so each web request gets its own renderer" caches outlines in a static <c>Dictionary</c>
/// across requests, checked and filled with no lock.
/// </summary>
public class PerRequestStaticStateTests
{
    private static string Renderer(string documentation, string cache = "Dictionary<string, string>", string fill = "s_outlines[key] = outline;") => $$"""
        using System.Collections.Concurrent;
        using System.Collections.Generic;

        /// <summary>
        /// {{documentation}}
        /// </summary>
        public sealed class PracticeSheetRenderer
        {
            private static readonly {{cache}} s_outlines = new();
            private readonly List<string> _sheet = new();

            public string GetOutline(string key)
            {
                if (s_outlines.TryGetValue(key, out var outline))
                {
                    return outline;
                }

                outline = key.ToUpperInvariant();
                {{fill}}
                return outline;
            }

            public void AddLine(string text) => _sheet.Add(GetOutline(text));
        }
        """;

    [Fact]
    public Task A_static_cache_filled_by_a_scoped_service_is_shared_by_every_request()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Renderer(
                "Registered as a scoped service, so each web request gets its own renderer; outlines are cached across requests.",
                fill: "{|#0:s_outlines[key] = outline|};"),
            TestReferences.Net80,
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 7, 21)
                .WithArguments("s_outlines", "Dictionary<string, string>", "GetOutline",
                    "'GetOutline' may run on several threads at once: 'PracticeSheetRenderer' is documented as made for each request (\"scoped service\"), and its static state is shared by every request at once"));

    [Fact]
    public Task A_static_cache_checked_and_filled_under_a_lock_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Renderer("Registered as a scoped service, so each web request gets its own renderer.", fill: "lock (s_outlines) { s_outlines[key] = outline; }")
            .Replace("if (s_outlines.TryGetValue(key, out var outline))", "string? outline;\n        lock (s_outlines) { if (s_outlines.TryGetValue(key, out outline)) return outline; }\n        if (outline is not null)"));

    [Fact]
    public Task A_concurrent_static_cache_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Renderer("Registered as a scoped service, so each web request gets its own renderer.", cache: "ConcurrentDictionary<string, string>", fill: "outline = s_outlines.GetOrAdd(key, outline);")
            .Replace("if (s_outlines.TryGetValue(key, out var outline))", "string? outline = null;\n        if (key.Length == 0)"));

    private const string Engraver = """
        /// <summary>
        /// Registered as a scoped service, so every order request gets its own formatter.
        /// </summary>
        public sealed class EngravingFormatter
        {
            private static readonly char[] s_scratch = new char[48];
            private static readonly char[] s_digits = "0123456789".ToCharArray();

            public string Format(string model, int serial)
            {
                var pos = Append(model, 0);
                pos = Append(" ", pos);
                pos = Append(s_digits[serial % 10].ToString(), pos);
                return new string(s_scratch, 0, pos);
            }

            private static int Append(string text, int pos)
            {
                foreach (var c in text)
                {
                    if (pos == s_scratch.Length)
                    {
                        break;
                    }

                    STORE;
                }

                return pos;
            }
        }
        """;

    /// <summary>
    /// Set at R09: a scoped formatter builds each engraving in a static scratch array, so two requests at once write
    /// into the same characters. The static lookup table it only reads is not judged.
    /// </summary>
    [Fact]
    public Task A_static_scratch_array_written_by_a_scoped_service_is_shared_by_every_request()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Engraver.Replace("STORE", "{|#0:s_scratch[pos++] = c|}"),
            TestReferences.Net80,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 4, 21)
                .WithArguments("s_scratch", "Append",
                    "'Append' may run on several threads at once: 'EngravingFormatter' is documented as made for each request (\"scoped service\"), and its static state is shared by every request at once"));

    /// <summary>Static arrays a scoped service only reads are shared as they are: nothing is written.</summary>
    [Fact]
    public Task A_scoped_service_that_only_reads_its_static_arrays_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Engraver.Replace("STORE", "pos += s_scratch[pos] == c ? 1 : 0"));

    /// <summary>Without a word that the type is made for each request, nothing says two of them run at once.</summary>
    [Fact]
    public Task A_static_cache_of_a_type_that_says_nothing_is_not_judged()
        => SharedStateSilence.VerifyNoRaceAsync(Renderer("Renders practice sheets for the school's exercises."));

    [Fact]
    public Task A_controllers_static_counter_is_shared_by_every_request_and_its_instance_state_is_not()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            namespace Microsoft.AspNetCore.Mvc
            {
                public abstract class ControllerBase { }
            }

            namespace Shop
            {
                public sealed class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase
                {
                    private static int s_served;
                    private int _lines;

                    public int Get(int lines)
                    {
                        _lines += lines;
                        {|#0:s_served++|};
                        return _lines;
                    }
                }
            }
            """,
            TestReferences.Net80,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 8, 25)
                .WithArguments("s_served", "Get",
                    "'Get' may run on several threads at once: 'OrdersController' is an ASP.NET Core controller, made for each request, and its static state is shared by every request at once"));

    /// <summary>
    /// Blind set ap, C14: a scoped service whose documentation says a number sequence is "shared by all instances"
    /// speaks of its static state, advanced with Interlocked; its list is its own request's.
    /// </summary>
    [Fact]
    public Task What_a_scoped_service_says_is_shared_is_its_static_state()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading;

            /// <summary>
            /// Assigns changing-room lockers. Registered as scoped (one per request); wristband numbers
            /// come from a process-wide sequence shared by all instances.
            /// </summary>
            public sealed class LockerAssignments
            {
                private static int s_lastWristband = 5000;
                private readonly List<int> _assigned = new();

                public int Assign()
                {
                    var wristband = Interlocked.Increment(ref s_lastWristband);
                    _assigned.Add(wristband);
                    return wristband;
                }

                public IReadOnlyList<int> AssignedInThisRequest => _assigned;
            }
            """);
}
