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
}
