using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// FL1001 on a cancellation source disposed and replaced while the loop the type started reads it (blind set ap, R10:
/// a beacon monitor's <c>Restart</c>): the old loop can read the disposed source or the new one and run on beside the
/// next loop.
/// </summary>
public class ReplacedWhileRunningTests
{
    private const string Monitor = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class BeaconMonitor
        {
            private readonly Func<CancellationToken, Task> _scan;
            private CancellationTokenSource _cts = new();
            private Task _loop = Task.CompletedTask;

            public BeaconMonitor(Func<CancellationToken, Task> scan) => _scan = scan;

            public void Start()
            {
                _loop = WORK;
            }

            private async Task PollAsync()
            {
                while (!_cts.IsCancellationRequested)
                {
                    await _scan(_cts.Token).ConfigureAwait(false);
                }
            }

            private async Task PollAsync(CancellationToken token)
            {
                while (!token.IsCancellationRequested)
                {
                    await _scan(token).ConfigureAwait(false);
                }
            }

            public RESTARTER

            public void Dispose()
            {
                _cts.Cancel();
                _cts.Dispose();
            }
        }
        """;

    private const string Restart = """
        void Restart()
            {
                _cts.Cancel();
                _cts.Dispose();
                {|#0:_cts = new CancellationTokenSource()|};
                Start();
            }
        """;

    [Fact]
    public Task Source_replaced_while_the_started_loop_reads_it_is_reported()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Monitor.Replace("WORK", "Task.Run(PollAsync)").Replace("RESTARTER", Restart),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithSpan(15, 17, 15, 36)
                .WithArguments("_cts", "Restart",
                    "'PollAsync', started at line 15, reads '_cts' in its loop on another thread, and can read the disposed source or the new one and run on beside the next run (give each run the token of its own source)"));

    [Fact]
    public Task Source_replaced_after_awaiting_the_loop_is_quiet()
        => SharedStateSilence.VerifyNoRaceAsync(
            Monitor.Replace("WORK", "Task.Run(PollAsync)")
                .Replace("RESTARTER", Restart.Replace("void Restart()", "async Task RestartAsync()").Replace("_cts.Dispose();", "await _loop.ConfigureAwait(false);\n        _cts.Dispose();").Replace("{|#0:", string.Empty).Replace("|}", string.Empty)));

    /// <summary>Each run keeps the token it was started with.</summary>
    [Fact]
    public Task Loop_given_its_token_is_quiet()
        => SharedStateSilence.VerifyNoRaceAsync(
            Monitor.Replace("WORK", "Task.Run(() => PollAsync(_cts.Token))")
                .Replace("RESTARTER", Restart.Replace("{|#0:", string.Empty).Replace("|}", string.Empty)));
}
