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
    /// <summary>Set aw R11: a dosing cycle stopped, its source disposed and dropped, while the timer's callback reads the token.</summary>
    private static string Doser(string stop, string read = "var token = _cycleCts?.Token ?? CancellationToken.None;") => $$"""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using System.Timers;

        public sealed class Doser
        {
            private readonly System.Timers.Timer _timer = new(1000);
            private readonly Func<CancellationToken, Task> _dose;
            private CancellationTokenSource? _cycleCts;

            public Doser(Func<CancellationToken, Task> dose)
            {
                _dose = dose;
                {|#1:_timer.Elapsed += OnElapsed|};
            }

            public void StartCycle()
            {
                _cycleCts = new CancellationTokenSource();
                _timer.Start();
            }

            private async void OnElapsed(object? sender, ElapsedEventArgs e)
            {
                {{read}}
                await _dose(token);
            }

            public void StopCycle()
            {
                _timer.Stop();
                {{stop}}
            }
        }
        """;

    [Fact]
    public Task A_source_disposed_and_dropped_while_a_timer_callback_reads_its_token()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Doser("_cycleCts?.Cancel(); _cycleCts?.Dispose(); {|#0:_cycleCts = null|};"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_cycleCts", "StopCycle",
                "'OnElapsed', the timer callback wired at line 15, reads '_cycleCts' on a pool thread each time the timer fires, also while this runs (stopping a timer does not wait for a callback already running), and can read the disposed source (give each run the token of its own source)"));

    /// <summary>Cancelled but not disposed, or a callback that takes the token under the stopping lock: nothing disposed is read.</summary>
    [Theory]
    [InlineData("_cycleCts?.Cancel(); _cycleCts = null;", "var token = _cycleCts?.Token ?? CancellationToken.None;")]
    [InlineData("lock (_timer) { _cycleCts?.Cancel(); _cycleCts?.Dispose(); _cycleCts = null; }", "CancellationToken token; lock (_timer) { token = _cycleCts?.Token ?? CancellationToken.None; }")]
    public Task A_source_not_disposed_or_read_under_the_stopping_lock_is_silent(string stop, string read)
        => SharedStateSilence.VerifyNoRaceAsync(Doser(stop, read).Replace("{|#1:_timer.Elapsed += OnElapsed|}", "_timer.Elapsed += OnElapsed")
            .Replace("_cycleCts = new CancellationTokenSource();", stop.StartsWith("lock", StringComparison.Ordinal) ? "lock (_timer) _cycleCts = new CancellationTokenSource();" : "_cycleCts = new CancellationTokenSource();", StringComparison.Ordinal));
}
