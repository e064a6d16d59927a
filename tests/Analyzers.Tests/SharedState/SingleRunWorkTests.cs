using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// Work a shared type starts only when no earlier run is left (blind set am, C31): the check and the start share one
/// lock region, and the field that holds the run is cleared only after the run has ended, so the run never overlaps
/// itself, and what the starter does before the start or a member does after awaiting the run is ordered with it.
/// </summary>
public class SingleRunWorkTests
{
    private const string Poller = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        /// <summary>The bridge app starts and stops polling at any time, from any thread.</summary>
        public sealed class SonarPoller
        {
            private readonly Func<CancellationToken, Task<IReadOnlyList<double>>> _ping;
            private readonly SemaphoreSlim _lifecycle = new(1, 1);
            private readonly List<double> _contacts = new();
            private CancellationTokenSource? _cts;
            private Task? _loop;

            public SonarPoller(Func<CancellationToken, Task<IReadOnlyList<double>>> ping) => _ping = ping;

            public async Task StartAsync()
            {
                EARLY
                await _lifecycle.WaitAsync().ConfigureAwait(false);
                try
                {
                    CHECK
                    _contacts.Clear();
                    var cts = new CancellationTokenSource();
                    _cts = cts;
                    _loop = Task.Run(() => PollAsync(cts.Token));
                }
                finally
                {
                    _lifecycle.Release();
                }
            }

            public async Task<double[]> StopAsync()
            {
                await _lifecycle.WaitAsync().ConfigureAwait(false);
                try
                {
                    if (_loop is null || _cts is null)
                        return Array.Empty<double>();

                    _cts.Cancel();
                    JOIN
                    _cts = null;
                    _loop = null;
                    return _contacts.ToArray();
                }
                finally
                {
                    _lifecycle.Release();
                }
            }

            private async Task PollAsync(CancellationToken ct)
            {
                while (!ct.IsCancellationRequested)
                {
                    var sweep = await _ping(ct).ConfigureAwait(false);
                    ADD;
                }
            }
        }
        """;

    private const string Check = "if (_loop is not null)\n                return;";

    private const string Join = "try { await _loop.ConfigureAwait(false); } catch (OperationCanceledException) { }";

    [Fact]
    public Task Loop_started_only_when_none_runs_and_cleared_after_it_ended_is_quiet()
        => SharedStateSilence.VerifyNoRaceAsync(Poller.Replace("EARLY", string.Empty).Replace("CHECK", Check).Replace("JOIN", Join).Replace("ADD", "_contacts.AddRange(sweep)"));

    [Theory]
    [InlineData("if (_loop != null) { return; }")]
    [InlineData("if (_loop is { }) throw new InvalidOperationException(\"Already polling.\");")]
    public Task Other_spellings_of_the_refusal_are_quiet(string check)
        => SharedStateSilence.VerifyNoRaceAsync(Poller.Replace("EARLY", string.Empty).Replace("CHECK", check).Replace("JOIN", Join).Replace("ADD", "_contacts.AddRange(sweep)"));

    /// <summary>The run is alone, not the object's: a member that reads the list while it runs still races with it.</summary>
    [Fact]
    public Task Member_that_reads_the_list_while_the_single_run_changes_it_is_reported()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Poller.Replace("EARLY", string.Empty).Replace("CHECK", Check).Replace("JOIN", Join).Replace("ADD", "[|_contacts.AddRange(sweep)|]")
                .Replace("    public async Task<double[]> StopAsync()", "    public int ContactCount => _contacts.Count;\n\n    public async Task<double[]> StopAsync()"));

    /// <summary>Without the check, a second start runs a second loop beside the first.</summary>
    [Fact]
    public Task Loop_started_again_while_one_runs_is_reported()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Poller.Replace("EARLY", string.Empty).Replace("CHECK", string.Empty).Replace("JOIN", Join).Replace("ADD", "[|_contacts.AddRange(sweep)|]"));

    /// <summary>Cleared without waiting for the run to end: the next start runs a new loop beside the old one.</summary>
    [Fact]
    public Task Field_cleared_before_the_run_ended_is_reported()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Poller.Replace("EARLY", string.Empty).Replace("CHECK", Check).Replace("JOIN", string.Empty).Replace("ADD", "[|_contacts.AddRange(sweep)|]"));

    /// <summary>A check made before the lock is taken: two callers can both pass it, and both start a loop.</summary>
    [Fact]
    public Task Check_outside_the_lock_region_is_reported()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Poller.Replace("EARLY", Check).Replace("CHECK", string.Empty).Replace("JOIN", Join).Replace("ADD", "[|_contacts.AddRange(sweep)|]"));
}
