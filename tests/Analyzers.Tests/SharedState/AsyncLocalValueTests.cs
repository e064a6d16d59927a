using Collections = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.CollectionMutatedConcurrentlyAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// The collection an <c>AsyncLocal</c> holds flows into the tasks a flow starts as the same object (set ai R16: an
/// ambient audit trail that the children of a <c>Task.WhenAll</c> all add to); and a call through <c>?.</c> on a
/// shared collection is a call on it.
/// </summary>
public class AsyncLocalValueTests
{
    [Fact]
    public Task Children_of_Task_WhenAll_adding_to_the_flows_list_are_flagged()
        => Collections.VerifyAnalyzerAsync(
            """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            public static class Audit
            {
                private static readonly AsyncLocal<List<string>?> Trail = new();

                public static void Begin() => Trail.Value = new List<string>();

                public static void Note(string message) => Trail.Value?{|#0:.Add(message)|};
            }

            public sealed class Calculator
            {
                public async Task<int[]> CalculateAsync(string[] lofts)
                {
                    Audit.Begin();
                    return await Task.WhenAll({|#1:lofts.Select(loft => ComputeAsync(loft))|});
                }

                private static async Task<int> ComputeAsync(string loft)
                {
                    await Task.Delay(1);
                    Audit.Note(loft);
                    return loft.Length;
                }
            }
            """,
            Collections.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("Trail", "List<string>", "Note", "'Note' runs on several threads (started at line 21)"));

    [Fact]
    public Task A_flow_value_replaced_with_an_immutable_one_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(
            """
            using System.Collections.Immutable;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            public static class Audit
            {
                private static readonly AsyncLocal<ImmutableList<string>> Trail = new();

                public static void Note(string message) => Trail.Value = (Trail.Value ?? ImmutableList<string>.Empty).Add(message);
            }

            public sealed class Calculator
            {
                public async Task<int[]> CalculateAsync(string[] lofts) => await Task.WhenAll(lofts.Select(ComputeAsync));

                private static async Task<int> ComputeAsync(string loft)
                {
                    await Task.Delay(1);
                    Audit.Note(loft);
                    return loft.Length;
                }
            }
            """);

    [Fact]
    public Task A_conditional_call_on_a_shared_list_is_flagged()
        => Collections.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Collector
            {
                private List<int>? _seen = new();

                public void Run(int[] items) => {|#1:Parallel.ForEach(items, i => _seen?{|#0:.Add(i)|})|};
            }
            """,
            Collections.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_seen", "List<int>", "Run", "'Run' runs on several threads (started at line 8)"));

    /// <summary>Set ar R10: the flow holds an object whose list the children add to, read into a local first.</summary>
    [Fact]
    public Task Children_of_Task_WhenAll_adding_to_a_list_of_the_flows_object_are_flagged()
        => Collections.VerifyAnalyzerAsync(
            """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class PlanningTrail
            {
                public List<string> Entries { get; } = new();
            }

            public static class TourTrace
            {
                private static readonly AsyncLocal<PlanningTrail?> s_current = new();

                public static void Begin() => s_current.Value = new PlanningTrail();

                public static void Note(string message)
                {
                    var trail = s_current.Value;
                    if (trail is null) return;
                    {|#0:trail.Entries.Add(message)|};
                }
            }

            public sealed class LegPlanner
            {
                public async Task<bool[]> PlanAsync(string[] venues)
                {
                    TourTrace.Begin();
                    return await Task.WhenAll({|#1:venues.Select(venue => CheckAsync(venue))|});
                }

                private static async Task<bool> CheckAsync(string venue)
                {
                    await Task.Delay(1);
                    TourTrace.Note(venue);
                    return venue.Length > 3;
                }
            }
            """,
            Collections.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("Entries", "List<string>", "Note", "'Note' runs on several threads (started at line 30)"));
}
