using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A counter of the objects a type keeps, incremented with <c>Interlocked</c> by one member and taken by another in two
/// plain steps, a read and a reset: what is added in between is lost (#9, set bd R08, a billing meter's roll-up).
/// </summary>
public class TakenBesideInterlockedTests
{
    private static string Meter(string take) => $$"""
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading;

        public sealed class Meter
        {
            private readonly ConcurrentDictionary<string, Cell> _cells = new();

            private sealed class Cell
            {
                public long Reports;
            }

            public void Record(string garage) => Interlocked.Increment(ref _cells.GetOrAdd(garage, _ => new Cell()).Reports);

            public long RollUp()
            {
                long total = 0;
                foreach (var pair in _cells)
                {
                    var cell = pair.Value;
                    {{take}}
                    total += reports;
                }

                return total;
            }
        }
        """;

    [Fact]
    public Task Counter_read_then_reset_beside_Interlocked_increments_is_flagged()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Meter("""
                long reports = {|#1:cell.Reports|};
                        {|#0:cell.Reports = 0|};
                """),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "cell.Reports", "RollUp",
                "'RollUp' reads it at line 22 and resets it here in two plain steps while 'Record' updates it with Interlocked, so what is added between the read and the reset is lost; take and reset it in one step with 'Interlocked.Exchange(ref cell.Reports, 0)'"));

    [Fact]
    public Task Counter_taken_with_Interlocked_Exchange_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Meter("long reports = Interlocked.Exchange(ref cell.Reports, 0);"));

    [Fact]
    public Task Counter_read_and_reset_under_a_lock_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Meter("""
            long reports;
                    lock (cell)
                    {
                        reports = cell.Reports;
                        cell.Reports = 0;
                    }
            """));

    private static string Aggregator(string take) => $$"""
        using System.Threading;

        public sealed class Aggregator
        {
            private readonly long[] _ringCounts = new long[12];

            public void Record(int ring) => Interlocked.Increment(ref _ringCounts[ring]);

            public long[] Flush()
            {
                var counts = new long[_ringCounts.Length];
                for (int i = 0; i < counts.Length; i++)
                {
                    {{take}}
                }

                return counts;
            }
        }
        """;

    /// <summary>Set bg R11: the elements of the type's own array, counted with Interlocked, flushed with a copy and a reset.</summary>
    [Fact]
    public Task Array_element_read_then_reset_beside_Interlocked_increments_is_flagged()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Aggregator("""
                counts[i] = {|#1:_ringCounts[i]|};
                            {|#0:_ringCounts[i] = 0|};
                """),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_ringCounts[i]", "Flush",
                "'Flush' reads it at line 14 and resets it here in two plain steps while 'Record' updates the elements with Interlocked, so what is added between the read and the reset is lost; take and reset it in one step with 'Interlocked.Exchange(ref _ringCounts[i], 0)'"));

    [Fact]
    public Task Array_element_taken_with_Interlocked_Exchange_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Aggregator("counts[i] = Interlocked.Exchange(ref _ringCounts[i], 0);"));

    [Fact]
    public Task Array_element_reset_without_a_read_of_it_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Aggregator("counts[i] = 0;\n            _ringCounts[i] = 0;"));
}
