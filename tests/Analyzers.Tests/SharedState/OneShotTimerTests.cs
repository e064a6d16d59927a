using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A <c>System.Timers.Timer</c> with <c>AutoReset = false</c> fires once per start, and so does a
/// <c>System.Threading.Timer</c> whose period is infinite: when only its handler (and the member that creates or
/// subscribes it) starts it again, the handler runs one call at a time and does not race with itself.
/// </summary>
public class OneShotTimerTests
{
    [Fact]
    public Task One_shot_timer_that_only_its_handler_rearms_runs_one_call_at_a_time()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Timers;

            sealed class Poller
            {
                private readonly Timer _timer;
                private DateTime _lastSeen;
                private int _polls;

                public Poller()
                {
                    _timer = new Timer(5_000) { AutoReset = false };
                    _timer.Elapsed += OnTick;
                    _timer.Start();
                }

                private void OnTick(object? sender, ElapsedEventArgs e)
                {
                    try
                    {
                        _polls++;
                        _lastSeen = DateTime.UtcNow;
                    }
                    finally
                    {
                        _timer.Start();
                    }
                }
            }
            """);

    [Fact]
    public Task One_shot_timer_started_from_a_public_method_can_overlap_its_handler()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Timers;

            sealed class Poller
            {
                private readonly Timer _timer;
                private int _polls;

                public Poller()
                {
                    _timer = new Timer(5_000) { AutoReset = false };
                    _timer.Elapsed += OnTick;
                }

                public void Poke() => _timer.Start();

                private void OnTick(object? sender, ElapsedEventArgs e) => [|_polls++|];
            }
            """);

    /// <summary>
    /// Blind set p, C32 (clean): the public <c>Start</c> arms the timer once, behind an <c>Interlocked.Exchange</c> gate
    /// that nothing opens again, and the handler re-arms it in its <c>finally</c>.
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData("public void Reset() => Interlocked.Exchange(ref _started, 0);")]
    public Task One_shot_timer_started_behind_a_once_gate_runs_one_call_at_a_time_unless_the_gate_reopens(string reset)
    {
        var source = """
            using System.Collections.Generic;
            using System.Threading;
            using System.Timers;
            using Timer = System.Timers.Timer;

            sealed class Watch
            {
                private readonly Timer _timer;
                private readonly List<int> _samples = new();
                private int _started;

                public Watch()
                {
                    _timer = new Timer(1_000) { AutoReset = false };
                    _timer.Elapsed += OnElapsed;
                }

                public void Start()
                {
                    if (Interlocked.Exchange(ref _started, 1) == 0)
                    {
                        _timer.Start();
                    }
                }

                RESET

                private void OnElapsed(object? sender, ElapsedEventArgs e)
                {
                    try
                    {
                        MARK_samples.Add(1)END;
                    }
                    finally
                    {
                        _timer.Start();
                    }
                }
            }
            """.Replace("RESET", reset);
        return reset.Length == 0
            ? SharedStateSilence.VerifyNoRaceAsync(source.Replace("MARK", "").Replace("END", ""))
            : CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(source.Replace("MARK", "[|").Replace("END", "|]"));
    }

    /// <summary>
    /// Blind set ak, C26 (clean): the handler is a lambda that calls the method re-arming the timer in its
    /// <c>finally</c>, and the public <c>Start</c> arms it once, behind a flag checked and set under a lock that
    /// nothing clears. A <c>Restart</c> that clears the flag lets a second start overlap a running handler.
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData("public void Restart() { lock (_timerGate) { _started = false; } Start(); }")]
    public Task One_shot_timer_handled_through_a_lambda_and_started_behind_a_locked_once_flag(string restart)
    {
        var source = """
            using System.Collections.Generic;
            using Timer = System.Timers.Timer;

            sealed class MeltRateMonitor
            {
                private readonly Timer _timer;
                private readonly object _timerGate = new();
                private readonly Dictionary<string, double> _previous = new();
                private bool _started;
                private bool _stopped;

                public MeltRateMonitor()
                {
                    _timer = new Timer(1_000) { AutoReset = false };
                    _timer.Elapsed += (_, _) => OnElapsed();
                }

                public void Start()
                {
                    lock (_timerGate)
                    {
                        if (_started || _stopped)
                        {
                            return;
                        }

                        _started = true;
                        _timer.Start();
                    }
                }

                RESTART

                private void OnElapsed()
                {
                    try
                    {
                        MARK_previous["east"] = 1.0END;
                    }
                    finally
                    {
                        lock (_timerGate)
                        {
                            if (!_stopped)
                            {
                                _timer.Start();
                            }
                        }
                    }
                }

                public void Stop()
                {
                    lock (_timerGate)
                    {
                        _stopped = true;
                        _timer.Stop();
                    }
                }
            }
            """.Replace("RESTART", restart);
        return restart.Length == 0
            ? SharedStateSilence.VerifyNoRaceAsync(source.Replace("MARK", "").Replace("END", ""))
            : CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(source.Replace("MARK", "[|").Replace("END", "|]"));
    }

    /// <summary>
    /// Blind set ak, C26: the handler, one call at a time, ranks with PLINQ (its lambdas read the dictionary on pool
    /// threads) and updates the dictionary only after <c>ToArray</c> has joined the query. With a repeating timer two
    /// handler calls overlap, and one call's update meets the other's query.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task Handler_that_changes_what_its_parallel_query_read_after_the_query_is_joined(bool repeats)
    {
        var source = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Timers;

            sealed class Ranking
            {
                private readonly Timer _timer;
                private readonly Dictionary<string, double> _previous = new();
                private double[] _rates = new double[0];

                public Ranking(string[] ids)
                {
                    _timer = new Timer(1_000) { AutoReset = REPEATS };
                    _timer.Elapsed += OnElapsed;
                    _timer.Start();
                }

                public double[] Rates => _rates;

                private void OnElapsed(object? sender, ElapsedEventArgs e)
                {
                    try
                    {
                        var previous = _previous;
                        var rates = new[] { "east", "west" }.AsParallel()
                            .Where(id => previous.ContainsKey(id))
                            .Select(id => previous[id] * 2)
                            .ToArray();
                        MARK_previous["east"] = rates.Length END;
                        _rates = rates;
                    }
                    finally
                    {
                        _timer.Start();
                    }
                }
            }
            """.Replace("REPEATS", repeats ? "true" : "false");
        return repeats
            ? CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(source.Replace("MARK", "[|").Replace(" END", "|]"))
            : SharedStateSilence.VerifyNoRaceAsync(source.Replace("MARK", "").Replace(" END", ""));
    }

    [Fact]
    public Task Threading_timer_with_an_infinite_period_rearmed_in_its_callback_runs_one_call_at_a_time()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;

            sealed class OutboxRelay : IDisposable
            {
                private readonly TimeSpan _interval;
                private readonly Timer _timer;
                private readonly Dictionary<long, int> _attempts = new();
                private int _passes;

                public OutboxRelay(TimeSpan interval)
                {
                    _interval = interval;
                    _timer = new Timer(OnTimer, null, Timeout.Infinite, Timeout.Infinite);
                    _timer.Change(interval, Timeout.InfiniteTimeSpan);
                }

                private void OnTimer(object? state)
                {
                    try
                    {
                        _passes++;
                        _attempts[_passes] = _attempts.GetValueOrDefault(_passes) + 1;
                    }
                    finally
                    {
                        _timer.Change(_interval, Timeout.InfiniteTimeSpan);
                    }
                }

                public void Pause() => _timer.Change(Timeout.Infinite, Timeout.Infinite);

                public void Dispose() => _timer.Dispose();
            }
            """);

    /// <summary>
    /// RabbitMQ.Client's heartbeat reader: the timer is made with <c>??=</c> and re-armed with <c>?.Change</c> at the end
    /// of its callback, which counts missed heartbeats. A <c>?.Change</c> that makes it periodic elsewhere still counts.
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData("public void Speed() => _reader?.Change(100, 100);")]
    public Task Threading_timer_made_with_coalescing_assignment_and_rearmed_through_conditional_access(string elsewhere)
    {
        var source = $$"""
            using System;
            using System.Threading;

            sealed class HeartbeatReader
            {
                private Timer? _reader;
                private int _missed;

                public void Start() => _reader ??= new Timer(OnRead, null, 300, Timeout.Infinite);

                private void OnRead(object? state)
                {
                    {|#0:_missed++|};
                    if (_missed < 3)
                    {
                        _reader?.Change(1000, Timeout.Infinite);
                    }
                }

                {{elsewhere}}
            }
            """;
        return elsewhere.Length == 0
            ? SharedStateSilence.VerifyNoRaceAsync(source.Replace("{|#0:", string.Empty).Replace("|}", string.Empty))
            : CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(source,
                CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithSpan(9, 40, 9, 86)
                    .WithArguments("_missed", "OnRead", "'OnRead' runs on several threads (started at line 9)"));
    }

    [Fact]
    public Task Threading_timer_armed_once_by_a_start_gate_and_rearmed_in_its_callback_runs_one_call_at_a_time()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;

            sealed class DependencyProbe
            {
                private readonly TimeSpan _interval;
                private readonly Timer _timer;
                private readonly Queue<bool> _history = new();
                private int _started;

                public DependencyProbe(TimeSpan interval)
                {
                    _interval = interval;
                    _timer = new Timer(OnTimer, null, Timeout.Infinite, Timeout.Infinite);
                }

                public void Start()
                {
                    if (Interlocked.Exchange(ref _started, 1) == 0)
                        _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
                }

                private void OnTimer(object? state)
                {
                    try
                    {
                        _history.Enqueue(true);
                    }
                    finally
                    {
                        _timer.Change(_interval, Timeout.InfiniteTimeSpan);
                    }
                }
            }
            """);

    [Fact]
    public Task Threading_timer_armed_after_a_guard_clause_that_throws_on_a_second_start_runs_one_call_at_a_time()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Threading;

            sealed class RecurringJob
            {
                private readonly Timer _timer;
                private int _started;
                private int _failures;

                public RecurringJob() => _timer = new Timer(OnTimer, null, Timeout.Infinite, Timeout.Infinite);

                public void Start(TimeSpan delay)
                {
                    if (Interlocked.Exchange(ref _started, 1) != 0)
                    {
                        throw new InvalidOperationException("Already started.");
                    }

                    _timer.Change(delay, Timeout.InfiniteTimeSpan);
                }

                private void OnTimer(object? state)
                {
                    _failures++;
                    _timer.Change(TimeSpan.FromSeconds(_failures), Timeout.InfiniteTimeSpan);
                }
            }
            """);

    [Fact]
    public Task Threading_timer_armed_by_the_owner_Start_and_rearmed_in_its_callback_runs_one_call_at_a_time()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;

            sealed class TempFileSweeper
            {
                private readonly TimeSpan _interval;
                private readonly Timer _timer;
                private readonly Dictionary<string, int> _failures = new();
                private long _sweeps;

                public TempFileSweeper(TimeSpan interval)
                {
                    _interval = interval;
                    _timer = new Timer(Sweep, null, Timeout.Infinite, Timeout.Infinite);
                }

                public void Start() => _timer.Change(_interval, Timeout.InfiniteTimeSpan);

                private void Sweep(object? state)
                {
                    _failures.Remove("a");
                    _sweeps++;
                    _timer.Change(_interval, Timeout.InfiniteTimeSpan);
                }
            }
            """);

    [Fact]
    public Task Threading_timer_rearmed_by_a_private_helper_of_its_callback_runs_one_call_at_a_time()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Threading;

            sealed class DiskMonitor
            {
                private readonly TimeSpan _interval = TimeSpan.FromSeconds(30);
                private readonly Timer _timer;
                private int _lowReadings;

                public DiskMonitor()
                {
                    _timer = new Timer(Poll, null, Timeout.Infinite, Timeout.Infinite);
                    _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
                }

                private void Poll(object? state)
                {
                    try
                    {
                        _lowReadings = Environment.TickCount % 2 == 0 ? _lowReadings + 1 : 0;
                    }
                    finally
                    {
                        Rearm();
                    }
                }

                private void Rearm() => _timer.Change(_interval, Timeout.InfiniteTimeSpan);
            }
            """);

    /// <summary>
    /// Blind set bk, C20 (clean): the helper that re-arms the timer at the end of its callback is also called once to
    /// start it, behind an <c>Interlocked.Exchange</c> gate in <c>Start</c> (or from a <c>Start</c> with no gate).
    /// </summary>
    [Theory]
    [InlineData("public void Begin() { if (Interlocked.Exchange(ref _started, 1) == 0) { Rearm(TimeSpan.Zero); } }")]
    [InlineData("public void Start() => Rearm(TimeSpan.Zero);")]
    public Task Threading_timer_rearmed_by_a_helper_that_a_once_gate_also_calls_runs_one_call_at_a_time(string start)
        => SharedStateSilence.VerifyNoRaceAsync($$"""
            using System;
            using System.Threading;

            sealed class StagePoller
            {
                private readonly Timer _timer;
                private int _started;
                private double? _previousStage;

                public StagePoller() => _timer = new Timer(Poll, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

                {{start}}

                private void Poll(object? state)
                {
                    var next = TimeSpan.FromMinutes(15);
                    try
                    {
                        var stage = Environment.TickCount / 1000.0;
                        if (_previousStage is double previous && stage - previous > 0.1)
                        {
                            next = TimeSpan.FromMinutes(2);
                        }

                        _previousStage = stage;
                    }
                    finally
                    {
                        Rearm(next);
                    }
                }

                private void Rearm(TimeSpan due) => _timer.Change(due, Timeout.InfiniteTimeSpan);
            }
            """);

    [Fact]
    public Task Threading_timer_rearmed_by_a_helper_that_another_member_also_calls_can_overlap_its_callback()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            sealed class DiskMonitor
            {
                private readonly Timer _timer;
                private int _polls;

                public DiskMonitor() => _timer = new Timer(Poll, null, Timeout.Infinite, Timeout.Infinite);

                public void Now() => Rearm();

                private void Poll(object? state)
                {
                    [|_polls++|];
                    Rearm();
                }

                private void Rearm() => _timer.Change(1000, Timeout.Infinite);
            }
            """);

    [Theory]
    [InlineData("int _started; public void Arm() { if (Interlocked.Exchange(ref _started, 1) != 0) { Console.WriteLine(); } _timer.Change(0, Timeout.Infinite); }")]
    [InlineData("int _started; public void Arm() { if (Interlocked.Exchange(ref _started, 1) != 0) return; _timer.Change(0, Timeout.Infinite); } public void Disarm() => _started = 0;")]
    public Task Guard_clause_that_does_not_leave_or_a_flag_reset_elsewhere_does_not_arm_once(string member)
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync($$"""
            using System;
            using System.Threading;

            sealed class Poller
            {
                private readonly Timer _timer;
                private int _polls;

                public Poller() => _timer = new Timer(OnTimer, null, Timeout.Infinite, Timeout.Infinite);

                {{member}}

                private void OnTimer(object? state)
                {
                    [|_polls++|];
                    _timer.Change(1000, Timeout.Infinite);
                }
            }
            """);

    [Theory]
    [InlineData("new Timer(OnTimer, null, 0, 5_000)", "")]
    [InlineData("new Timer(OnTimer, null, 0, Timeout.Infinite)", "public void Every(int period) => _timer.Change(0, period);")]
    [InlineData("new Timer(OnTimer, null, 0, Timeout.Infinite)", "public void Now() => _timer.Change(0, Timeout.Infinite);")]
    [InlineData("new Timer(OnTimer, null, 0, Timeout.Infinite)", "public void Spelled(int period) => \\u005Ftimer.Change(0, period);")]
    [InlineData("new Timer(OnTimer, null, 0, Timeout.Infinite)", "public void Verbatim(int period) => @_timer.Change(0, period);")]
    [InlineData("new Timer(OnTimer, null, 0, Timeout.Infinite)", "int _started; public void Start() { if (Interlocked.Exchange(ref _started, 1) == 0) _timer.Change(0, Timeout.Infinite); } public void Stop() => _started = 0;")]
    public Task Threading_timer_that_repeats_or_is_armed_from_elsewhere_can_overlap_its_callback(string creation, string member)
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync($$"""
            using System.Threading;

            sealed class Poller
            {
                private readonly Timer _timer;
                private int _polls;

                public Poller() => _timer = {{creation}};

                {{member}}

                private void OnTimer(object? state) => [|_polls++|];
            }
            """);
}
