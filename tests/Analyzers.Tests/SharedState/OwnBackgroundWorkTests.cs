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
}
