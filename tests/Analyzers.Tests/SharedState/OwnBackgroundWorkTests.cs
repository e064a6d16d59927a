using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// Work that an object starts and leaves running (a background loop, a timer) runs beside whatever code outside the
/// library calls on that object meanwhile: its public members (of a public type) that name the state the work touches
/// are the other side. A protected or internal member is called by the library itself, under locks or modes the walk
/// cannot see (two minimized false reports from NLog and Npgsql).
/// </summary>
public class OwnBackgroundWorkTests
{
    [Fact]
    public Task Counter_reset_by_the_flush_loop_and_incremented_by_callers()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Metrics
            {
                private readonly CancellationTokenSource _stop = new();
                private long _requests;

                public void Start() => Task.Run(async () =>
                {
                    while (!_stop.IsCancellationRequested)
                    {
                        await Task.Delay(1000);
                        Console.WriteLine(_requests);
                        _requests = 0;
                    }
                });

                public void Record() => {|#0:_requests++|};

                public string Describe() => "metrics";
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithSpan(10, 28, 18, 7)
                .WithArguments("_requests", "Record", "'Record' can be called while the work its object started at line 10 runs"));

    [Fact]
    public Task One_shot_timer_reload_fills_a_dictionary_while_callers_read_it()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Timers;

            public sealed class Flags
            {
                private readonly Timer _reload;
                private Dictionary<string, bool> _flags = new();

                public Flags()
                {
                    _reload = new Timer(30_000) { AutoReset = false };
                    _reload.Elapsed += OnReload;
                    _reload.Start();
                }

                public bool IsOn(string name) => _flags.TryGetValue(name, out var on) && on;

                private void OnReload(object? sender, ElapsedEventArgs e)
                {
                    try
                    {
                        _flags = new Dictionary<string, bool>();
                        [|_flags["beta"] = true|];
                    }
                    finally
                    {
                        _reload.Start();
                    }
                }
            }
            """);

    [Fact]
    public Task Protected_override_that_the_base_class_calls_under_its_lock_is_not_paired()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading;

            // The shape of NLog's FileTarget: CloseTarget runs from Target.Close under SyncRoot, which the monitor timer
            // takes too. (This minimized form stays silent even when protected members are paired, because the
            // timer's side is all locked; the real report came from more of FileTarget. The connector case below is the
            // one that fails when non-public members are paired.)
            public abstract class Target
            {
                protected readonly object SyncRoot = new();

                public void Close()
                {
                    lock (SyncRoot)
                    {
                        CloseTarget();
                    }
                }

                protected virtual void CloseTarget()
                {
                }
            }

            public sealed class FileTarget : Target
            {
                private readonly Dictionary<string, int> _open = new();
                private Timer? _monitor;

                public void Initialize() => _monitor = new Timer(OnMonitor, null, 1000, 1000);

                protected override void CloseTarget()
                {
                    _monitor?.Dispose();
                    _open.Clear();
                }

                private void OnMonitor(object? state)
                {
                    lock (SyncRoot)
                    {
                        _open.Remove("stale.log");
                    }
                }
            }
            """);

    [Fact]
    public Task Internal_members_of_a_connector_whose_mode_decides_who_reads_are_not_paired()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            // Npgsql NpgsqlConnector: in multiplexing mode the read loop parses messages; otherwise the command that
            // owns the connector does. Never both: the connector's own code decides, which the walk cannot see.
            internal sealed class Connector
            {
                private readonly List<string> _parameters = new();
                private Task? _readLoop;

                internal bool Multiplexing { get; init; }

                internal void Open()
                {
                    if (Multiplexing)
                    {
                        _readLoop = Task.Run(ReadLoop);
                    }
                }

                internal void ReadParameterStatus(string name) => _parameters.Add(name);

                private async Task ReadLoop()
                {
                    while (true)
                    {
                        await Task.Yield();
                        ReadParameterStatus("server_version");
                    }
                }
            }
            """);
    [Fact]
    public Task Struct_of_several_fields_stored_by_the_probe_thread_while_callers_copy_it()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;

            public struct Snapshot { public bool Healthy; public DateTime CheckedAt; }

            public sealed class HealthMonitor
            {
                private readonly Thread _thread;
                private Snapshot _latest;

                public HealthMonitor()
                {
                    _thread = new Thread(Probe) { IsBackground = true };
                    _thread.Start();
                }

                public Snapshot Latest() => _latest;

                private void Probe()
                {
                    while (true)
                    {
                        var result = new Snapshot { Healthy = Environment.TickCount % 2 == 0, CheckedAt = DateTime.UtcNow };
                        {|#0:_latest = result|};
                        Thread.Sleep(1000);
                    }
                }
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithSpan(13, 19, 13, 60)
                .WithArguments("_latest", "Probe", "'Latest' can be called while the work its object started at line 13 runs, and a 'Snapshot' is copied field by field, so it can be read half-written"));

    [Fact]
    public Task One_field_of_the_struct_or_a_one_word_value_is_read_whole()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Threading;

            public struct Snapshot { public bool Healthy; public DateTime CheckedAt; }

            public sealed class HealthMonitor
            {
                private readonly Thread _thread;
                private Snapshot _latest;
                private DateTime _checkedAt;

                public HealthMonitor()
                {
                    _thread = new Thread(Probe) { IsBackground = true };
                    _thread.Start();
                }

                public bool Healthy() => _latest.Healthy;

                public DateTime CheckedAt() => _checkedAt;

                private void Probe()
                {
                    while (true)
                    {
                        _latest = new Snapshot { Healthy = Environment.TickCount % 2 == 0, CheckedAt = DateTime.UtcNow };
                        _checkedAt = DateTime.UtcNow;
                        Thread.Sleep(1000);
                    }
                }
            }
            """);

    /// <summary>
    /// Blind set l, R10: an async loop started by a plain call whose task is kept (<c>_loop = UploadLoopAsync(ct)</c>)
    /// goes on on the pool after its first <c>ConfigureAwait(false)</c> await, beside the handler the object subscribed
    /// to another object's event, which that object raises on its own thread.
    /// </summary>
    [Fact]
    public Task Kept_async_loop_and_a_handler_of_another_objects_event_share_a_set()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            public interface IChangeSource { event EventHandler<string>? Changed; }

            public sealed class Coordinator
            {
                private readonly IChangeSource _source;
                private readonly HashSet<string> _dirty = new();
                private Task _loop = Task.CompletedTask;

                public Coordinator(IChangeSource source) => _source = source;

                public void Start(CancellationToken ct)
                {
                    _source.Changed += OnChanged;
                    _loop = UploadLoopAsync(ct);
                }

                private void OnChanged(object? sender, string path) => {|#0:_dirty.Add(path)|};

                private async Task UploadLoopAsync(CancellationToken ct)
                {
                    using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
                    while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
                    {
                        var batch = new List<string>(_dirty);
                        {|#1:_dirty.Clear()|};
                    }
                }
            }
            """,
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithSpan(19, 9, 19, 36)
                .WithArguments("_dirty", "HashSet<string>", "OnChanged", "'OnChanged' can be called while the work its object started at line 19 runs"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(1).WithSpan(19, 9, 19, 36)
                .WithArguments("_dirty", "HashSet<string>", "UploadLoopAsync", "'UploadLoopAsync' runs on several threads (started at line 19)"));

    /// <summary>
    /// Blind set n, C22 (clean): the same kind of kept loop, with a public member that refuses to run while the loop is
    /// kept and a stop method that awaits the loop before it reads what the loop wrote. Neither runs beside the loop.
    /// </summary>
    [Fact]
    public Task Members_that_refuse_while_the_loop_runs_or_wait_for_it_are_not_beside_it()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class PlayoutClock
            {
                private readonly Queue<string> _order = new();
                private readonly List<string> _aired = new();
                private CancellationTokenSource? _cts;
                private Task? _loop;

                public void Load(IEnumerable<string> items)
                {
                    if (_loop is not null)
                    {
                        throw new InvalidOperationException("Stop first.");
                    }

                    foreach (var item in items)
                    {
                        _order.Enqueue(item);
                    }
                }

                public void Start()
                {
                    _cts = new CancellationTokenSource();
                    _loop = RunAsync(_cts.Token);
                }

                public async Task<IReadOnlyList<string>> StopAsync()
                {
                    if (_cts is null || _loop is null)
                    {
                        return Array.Empty<string>();
                    }

                    _cts.Cancel();
                    await _loop;
                    _loop = null;
                    return _aired.ToList();
                }

                private async Task RunAsync(CancellationToken ct)
                {
                    using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
                    while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
                    {
                        while (_order.Count > 0)
                        {
                            _aired.Add(_order.Dequeue());
                        }
                    }
                }
            }
            """);

    /// <summary>
    /// Quartz.NET's <c>QuartzHostedService</c> (false report, session 33): the start keeps the startup task and awaits
    /// it only if it has already completed, so the <c>catch</c> after that await never runs beside it; the stop method
    /// waits for it (up to the host's deadline) before it clears the list the startup enumerates.
    /// </summary>
    [Fact]
    public Task Kept_startup_task_joined_in_the_start_and_waited_for_by_the_stop_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class HostedService
            {
                private readonly List<string> _schedulers = new();
                private Task? _startup;

                public async Task StartAsync(CancellationToken ct)
                {
                    try
                    {
                        _schedulers.Add("default");
                        _startup = StartAllAsync(ct);
                        if (_startup.IsCompleted)
                        {
                            await _startup.ConfigureAwait(false);
                        }
                    }
                    catch (Exception)
                    {
                        Shutdown();
                        throw;
                    }
                }

                public async Task StopAsync(CancellationToken ct)
                {
                    if (_startup is not null)
                    {
                        await Task.WhenAny(_startup, Task.Delay(Timeout.Infinite, ct)).ConfigureAwait(false);
                    }

                    Shutdown();
                }

                private void Shutdown() => _schedulers.Clear();

                private async Task StartAllAsync(CancellationToken ct)
                {
                    await Task.Delay(10, ct).ConfigureAwait(false);
                    foreach (var name in _schedulers)
                    {
                        Console.WriteLine(name);
                    }
                }
            }
            """);

    /// <summary>
    /// Blind set n, R12: the press thread sets the running job to null between the console's null check and its second
    /// read of the field, which then dereferences null.
    /// </summary>
    [Fact]
    public Task Field_set_to_null_by_the_work_while_a_member_checks_it_and_reads_it_again()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Concurrent;
            using System.Threading;

            public sealed class Job { public string Name = ""; }

            public sealed class Press
            {
                private readonly BlockingCollection<Job> _queue = new();
                private Job? _current;

                public Press() => new Thread(Run).Start();

                public string Status()
                {
                    if (_current == null)
                    {
                        return "idle";
                    }

                    return _current.Name;
                }

                private void Run()
                {
                    foreach (var job in _queue.GetConsumingEnumerable())
                    {
                        _current = job;
                        {|#0:_current = null|};
                    }
                }
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithSpan(11, 23, 11, 38)
                .WithArguments("_current", "Run", "'Status' can be called while the work its object started at line 11 runs, and it checks '_current' for null at line 15 and reads it again at line 20, which can see this null"));

    [Fact]
    public Task Field_read_once_into_a_local_then_checked_and_used_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Concurrent;
            using System.Threading;

            public sealed class Job { public string Name = ""; }

            public sealed class Press
            {
                private readonly BlockingCollection<Job> _queue = new();
                private volatile Job? _current;

                public Press() => new Thread(Run).Start();

                public string Status()
                {
                    var current = _current;
                    return current == null ? "idle" : current.Name;
                }

                private void Run()
                {
                    foreach (var job in _queue.GetConsumingEnumerable())
                    {
                        _current = job;
                        _current = null;
                    }
                }
            }
            """);

    /// <summary>
    /// Blind set u, C30 (clean, was flagged): a thread kept in a field fills a list, and the stop method joins the
    /// thread (<c>_thread?.Join()</c>) before it copies the list, so the copy never runs beside the filling.
    /// </summary>
    [Fact]
    public Task Stop_method_that_joins_the_kept_thread_before_it_reads_is_not_beside_it()
        => SharedStateSilence.VerifyNoRaceAsync(Acquisition("_thread?.Join();"));

    /// <summary>The same stop method without the join reads the list while the thread may still add to it.</summary>
    [Fact]
    public Task Stop_method_that_does_not_join_the_kept_thread_is_beside_it()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Acquisition("").Replace("_samples.Add(", "{|#0:_samples.Add(").Replace("_readTaps());", "_readTaps())|};"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithSpan(16, 19, 16, 62)
                .WithArguments("_samples", "List<double[]>", "Acquire", "'Acquire' runs on several threads (started at line 16)"));

    /// <summary>
    /// A public member that starts the work through a private helper (<c>OpenAsync</c> calling <c>StartReading</c>) is
    /// the member that started it, as it is when it starts the work itself: it is not walked beside the work (a second
    /// open is refused at its top while the first connection's loop runs). A member that runs beside the work on the
    /// same state is still reported. Minimized from a false report on MQTTnet's client (its connect method).
    /// </summary>
    [Fact]
    public Task Member_that_starts_the_work_through_a_private_helper_is_not_walked_beside_it()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Uplink
            {
                private const int Closed = 0, Opening = 1;
                private int _state;
                private CancellationTokenSource? _alive;
                private object? _session;
                private int _closeCode;

                public async Task OpenAsync()
                {
                    if (Swap(Opening, Closed) != Closed)
                    {
                        throw new InvalidOperationException("Already open.");
                    }

                    _alive = new CancellationTokenSource();
                    _session = new object();
                    _closeCode = 0;
                    await Task.Yield();
                    Connect(_alive.Token);
                }

                public void Close(int code)
                {
                    {|#0:_closeCode = code|};
                    _alive?.Cancel();
                }

                private int Swap(int value, int comparand) => Interlocked.CompareExchange(ref _state, value, comparand);

                private void Connect(CancellationToken token) => StartReading(token);

                private void StartReading(CancellationToken token)
                {
                    _session ??= new object();
                    Task.Run(() => Read(token));
                }

                private async Task Read(CancellationToken token)
                {
                    while (!token.IsCancellationRequested)
                    {
                        await Task.Delay(100, token);
                        if (_session is null)
                        {
                            _closeCode = 7;
                            return;
                        }
                    }
                }
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithSpan(40, 9, 40, 36)
                .WithArguments("_closeCode", "Close", "'Close' can be called while the work its object started at line 40 runs"));

    /// <summary>
    /// A member that waits for the work through a local copy of the field that keeps it (<c>var worker = _worker ??
    /// throw …; await worker;</c>) reads the results after the work is done, as one that awaits the field does; a
    /// member that reads them without waiting is still reported. Minimized from a clean file of a blind set.
    /// </summary>
    [Theory]
    [InlineData("var worker = _worker ?? throw new InvalidOperationException(\"Not started.\");")]
    [InlineData("var worker = _worker!;")]
    [InlineData("Task? worker = (_worker);")]
    public Task Member_that_awaits_a_local_copy_of_the_kept_work_is_not_walked_beside_it(string copy)
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync($$"""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Tally
            {
                private readonly List<int> _marks = new();
                private readonly List<int> _peeks = new();
                private Task? _worker;

                public void Start(int[] feed) => _worker = Task.Run(() =>
                {
                    foreach (var mark in feed)
                    {
                        _marks.Add(mark);
                        {|#0:_peeks.Add(mark)|};
                    }
                });

                public async Task<int> TotalAsync()
                {
                    {{copy}}
                    await worker!;
                    return _marks.Count;
                }

                public int Peek() => _peeks.Count;
            }
            """,
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithSpan(11, 48, 18, 7)
                .WithArguments("_peeks", "List<int>", "Start", "'Start' runs on several threads (started at line 11)"));

    private static string Acquisition(string join) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading;

        public sealed class TunnelRun
        {
            private readonly Func<double[]> _readTaps;
            private readonly List<double[]> _samples = new();
            private volatile bool _stopRequested;
            private Thread? _thread;

            public TunnelRun(Func<double[]> readTaps) => _readTaps = readTaps;

            public void Start()
            {
                _thread = new Thread(Acquire) { IsBackground = true };
                _thread.Start();
            }

            public IReadOnlyList<double[]> Stop()
            {
                _stopRequested = true;
                {{join}}
                return _samples.ToArray();
            }

            private void Acquire()
            {
                while (!_stopRequested)
                {
                    _samples.Add(_readTaps());
                    Thread.Sleep(5);
                }
            }
        }
        """;
    [Fact]
    public Task Getter_that_hands_out_the_live_list_a_timer_changes()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading;

            public sealed class KilnMonitor
            {
                private readonly List<double> _samples = new();
                private readonly Timer _timer;

                public KilnMonitor() => _timer = new Timer(OnTick, null, 5000, Timeout.Infinite);

                public IReadOnlyList<double> Samples => _samples;

                private void OnTick(object? state)
                {
                    {|#0:_samples.Add(42.0)|};
                    _timer.Change(5000, Timeout.Infinite);
                }
            }

            public sealed class ChartViewModel
            {
                private readonly KilnMonitor _monitor;

                public ChartViewModel(KilnMonitor monitor) => _monitor = monitor;

                public int Count => _monitor.Samples.Count;
            }
            """,
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithSpan(10, 38, 10, 85)
                .WithArguments("_samples", "List<double>", "OnTick", "'Samples' hands it out to its callers while the work its object started at line 10 runs"));

    [Fact]
    public Task Getter_that_hands_out_a_copy_or_a_list_the_timer_never_changes_is_not_paired()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading;

            public sealed class KilnMonitor
            {
                private readonly object _gate = new();
                private readonly List<double> _samples = new();
                private readonly List<string> _kilns = new() { "east", "west" };
                private readonly Timer _timer;

                public KilnMonitor() => _timer = new Timer(OnTick, null, 5000, Timeout.Infinite);

                public IReadOnlyList<double> Samples
                {
                    get
                    {
                        lock (_gate)
                        {
                            return _samples.ToArray();
                        }
                    }
                }

                public IReadOnlyList<string> Kilns => _kilns;

                private void OnTick(object? state)
                {
                    lock (_gate)
                    {
                        _samples.Add(_kilns.Count);
                    }

                    _timer.Change(5000, Timeout.Infinite);
                }
            }
            """);

    private const string Batcher = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Batcher
        {
            private readonly object _lock = new();
            private readonly Func<List<int>, Task> _export;
            private readonly Task _loop;
            private List<int> _pending = new();

            public Batcher(Func<List<int>, Task> export, CancellationToken ct)
            {
                _export = export;
                _loop = RunAsync(ct);
            }

            public void Record(int reading)
            {
                lock (_lock)
                {
                    _pending.Add(reading);
                }
            }

            private async Task RunAsync(CancellationToken ct)
            {
                while (!ct.IsCancellationRequested)
                {
                    await Task.Delay(1000, ct);
                    List<int> batch;
                    lock (_lock)
                    {
                        batch = _pending;
                        SWAP_INSIDE
                    }

                    SWAP_OUTSIDE
                    await _export(batch);
                }
            }
        }
        """;

    /// <summary>
    /// Set an R03: a constructor starts the export loop by calling its own async method and keeping the task
    /// (<c>_loop = RunAsync(ct)</c>, no <c>ConfigureAwait(false)</c>); from its first await on, the loop runs beside the
    /// callers of <c>Record</c>, and swaps the list outside the lock they take. Swapped under the lock, it is silent.
    /// </summary>
    [Fact]
    public Task Loop_a_constructor_starts_by_calling_its_own_async_method_runs_beside_the_callers()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync(
            Batcher.Replace("SWAP_INSIDE", "").Replace("SWAP_OUTSIDE", "{|#0:_pending = new List<int>()|};").Replace("public sealed class Batcher", "public sealed class {|#1:Batcher|}"),
            CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("_pending", "written", "_lock", "in 'Record' (1 of 2 accesses)", "'RunAsync' may run on several threads at once: 'Batcher' synchronizes its own state ('Record' locks '_lock')"));

    [Fact]
    public Task Loop_a_constructor_starts_that_swaps_the_list_under_the_lock_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Batcher.Replace("SWAP_INSIDE", "_pending = new List<int>();").Replace("SWAP_OUTSIDE", ""));
}
