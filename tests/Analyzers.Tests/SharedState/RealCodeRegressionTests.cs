using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;
namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// False reports found on real libraries (StackExchange.Redis, NLog, LiteDB, Npgsql; see docs/real-code.md), each
/// minimized to a fresh repro: every race rule must stay silent on them.
/// </summary>
public class RealCodeRegressionTests
{
    [Fact]
    public Task Fl1003_copy_on_write_list_enumerated_outside_the_lock()
        // EasyNetQ's event bus: 'Add' and 'Remove' copy the handler list under the lock, change the copy and store it;
        // 'HandleAsync' enumerates whatever list it reads, and nothing changes a list once it is stored.
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Handlers
            {
                private readonly object _mutex = new();
                private volatile List<Func<int, Task>> _handlers = new();

                public void Add(Func<int, Task> handler)
                {
                    lock (_mutex)
                    {
                        var next = new List<Func<int, Task>>(_handlers);
                        next.Add(handler);
                        _handlers = next;
                    }
                }

                public void Remove(Func<int, Task> handler)
                {
                    lock (_mutex)
                    {
                        var next = new List<Func<int, Task>>(_handlers);
                        next.Remove(handler);
                        _handlers = next;
                    }
                }

                public async Task HandleAsync(int value)
                {
                    foreach (var handler in _handlers)
                    {
                        await handler(value);
                    }
                }
            }
            """);

    [Fact]
    public Task Fl1001_cas_gate_reference()
        => SharedStateSilence.VerifyNoRaceAsync(""""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            // StackExchange.Redis ConnectionMultiplexer.ReconfigureAsync: a compare-and-swap gate on a *reference* field (the
            // cause string), reset in finally, makes the method body run one caller at a time. Writes behind the gate do not race.
            class Multiplexer
            {
                private string? _activeCause;
                private string? _failureMessage;
                private object? _pulse;
                private Timer? _timer;

                public void OnFailed() => _timer = new Timer(_ => _ = ReconfigureAsync(false, "timer"), null, 1000, Timeout.Infinite);

                public async Task<bool> ReconfigureAsync(bool first, string cause)
                {
                    bool ranThisCall = false;
                    try
                    {
                        ranThisCall = Interlocked.CompareExchange(ref _activeCause, cause, null) == null;
                        if (!ranThisCall) return false;
                        await Task.Yield();
                        _failureMessage = "failed: " + cause;
                        if (first) _pulse = new object();
                        return true;
                    }
                    finally
                    {
                        if (ranThisCall) Interlocked.Exchange(ref _activeCause, null);
                    }
                }
            }
            """");

    [Fact]
    public Task Fl1001_cas_gate_through_local()
        => SharedStateSilence.VerifyNoRaceAsync(""""
            // Variant of fl1001-cas-gate-reference.cs: the CAS result goes through a local bool before the early return.
            using System.Threading;
            using System.Threading.Tasks;
            class M
            {
                private int _busy;
                private object? _pulse;
                private Timer? _timer;
                public void OnFailed() => _timer = new Timer(_ => _ = ReconfigureAsync(), null, 1000, Timeout.Infinite);
                public async Task<bool> ReconfigureAsync()
                {
                    bool ran = false;
                    try
                    {
                        ran = Interlocked.CompareExchange(ref _busy, 1, 0) == 0;
                        if (!ran) return false;
                        await Task.Yield();
                        _pulse = new object();
                        return true;
                    }
                    finally { if (ran) Interlocked.Exchange(ref _busy, 0); }
                }
            }
            """");

    [Fact]
    public Task Fl1001_cas_lazy_init_not_concurrency()
        => SharedStateSilence.VerifyNoRaceAsync(""""
            using System.Collections.Generic;
            using System.Threading;
            // NLog PropertiesDictionary: 'Interlocked.CompareExchange(ref _dict, new …, null)' is a lazy initialisation idiom (like
            // LazyInitializer), not evidence that the type's members run concurrently; the object belongs to one log event.
            // (Race branch: FL1001 on '_messageProperties' in ResetMessageProperties.)
            public sealed class Properties
            {
                private Dictionary<string, object>? _eventProperties;
                private IList<string>? _messageProperties;

                private Dictionary<string, object> GetEventProperties()
                {
                    if (_eventProperties is null)
                    {
                        Interlocked.CompareExchange(ref _eventProperties, new Dictionary<string, object>(), null);
                    }
                    return _eventProperties;
                }

                public int Count => GetEventProperties().Count;

                public void ResetMessageProperties(IList<string>? properties = null) => _messageProperties = Merge(properties, _messageProperties);

                private static IList<string>? Merge(IList<string>? a, IList<string>? b) => a ?? b;
            }
            """");

    [Fact]
    public Task Fl1001_config_object_locks_one_list()
        => SharedStateSilence.VerifyNoRaceAsync(""""
            using System.Collections.Generic;
            // NLog LoggingRule: a configuration object that locks only its child list (to hand out snapshots). Its other fields
            // are set while configuring, before the rule is published, and are never touched under any synchronization. A lock on
            // one field is not evidence that every member of the type runs concurrently (RacerD reports an unannotated class only
            // where another access to the same field is synchronized). (Race branch: 5 × FL1001 on '_filter'.)
            public sealed class Rule
            {
                private readonly List<Rule> _children = new();
                private int[] _filter = System.Array.Empty<int>();

                public Rule[] GetChildrenThreadSafe() { lock (_children) return _children.ToArray(); }

                public void EnableLevel(int level) => _filter = With(_filter, level, true);

                public void DisableLevel(int level) => _filter = With(_filter, level, false);

                private static int[] With(int[] filter, int level, bool on) => on ? [.. filter, level] : System.Array.FindAll(filter, l => l != level);

                public bool IsEnabled(int level) => System.Array.IndexOf(_filter, level) >= 0;
            }
            """");

    [Fact]
    public Task Fl1001_lazy_string_cache()
        => SharedStateSilence.VerifyNoRaceAsync(""""
            using System;
            using System.Threading;
            // StackExchange.Redis Utils.GetLibVersion: an idempotent lazy cache of an immutable string. Two threads may both
            // compute it; both store the same value; nothing is lost. Benign: should be quiet by default (issue #9 item 5).
            static class Utils
            {
                private static string? _version;

                internal static string GetVersion()
                {
                    if (_version == null)
                    {
                        _version = typeof(Utils).Assembly.GetName().Version!.ToString();
                    }
                    return _version;
                }
            }

            class Bridge
            {
                private Timer? _timer;

                public void Start() => _timer = new Timer(_ => Console.WriteLine(Utils.GetVersion()), null, 0, 1000);
            }
            """");

    [Fact]
    public Task Fl1001_lazily_cached_tasks_read_through_getters_from_parallel_code()
        => SharedStateSilence.VerifyNoRaceAsync(""""
            using System.Threading.Tasks;
            // StackExchange.Redis HealthCheckProbe: memoized completed tasks behind static getters ('_healthy ??=
            // Task.FromResult(...)'), read from parallel health checks. Both racing threads cache a completed task: benign.
            static class Probe
            {
                private static Task<bool>? _healthy, _unhealthy;

                public static Task<bool> HealthyTask => _healthy ??= Task.FromResult(true);

                public static Task<bool> UnhealthyTask => _unhealthy ??= Task.FromResult(false);

                public static void CheckAll(int[] endpoints) => Parallel.ForEach(endpoints, e => _ = e % 2 == 0 ? HealthyTask : UnhealthyTask);
            }
            """");

    [Fact]
    public Task Fl1001_a_task_replaced_by_parallel_code_is_still_a_lost_update()
        => Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(""""
            using System.Threading.Tasks;

            static class Jobs
            {
                private static Task? _pending;

                public static void StartAll(int[] jobs) => Parallel.ForEach(jobs, j => [|_pending = Task.Run(() => j * 2)|]);
            }
            """");

    [Fact]
    public Task Fl1001_serialized_by_callers_lock()
        => SharedStateSilence.VerifyNoRaceAsync(""""
            using System;
            using System.Threading;
            // LiteDB DiskService.WriteDataDisk: the type uses Interlocked on one field, so the race branch treats its public members
            // as callable concurrently; but WriteDataDisk's only caller (an internal type, so every caller is in the compilation)
            // runs it under an exclusive lock of another class (LockService). The unsynchronized '_dataLength' update does not race.
            internal sealed class Locker
            {
                private readonly ReaderWriterLockSlim _rw = new();
                private readonly System.TimeSpan _timeout = System.TimeSpan.FromMinutes(1);

                // As LiteDB's LockService: re-entrant by hand, a timed write lock, and a bool saying whether to exit.
                public bool EnterExclusive()
                {
                    if (_rw.IsWriteLockHeld) return false;
                    if (_rw.TryEnterWriteLock(_timeout) == false) throw new System.TimeoutException();
                    return true;
                }

                public bool TryEnterExclusive(out bool mustExit)
                {
                    if (_rw.IsWriteLockHeld) { mustExit = false; return true; }
                    mustExit = _rw.TryEnterWriteLock(0);
                    return mustExit;
                }

                public void ExitExclusive() => _rw.ExitWriteLock();
            }

            internal sealed class Disk
            {
                private long _logLength;
                private long _dataLength;

                public long AppendLog(long size) => Interlocked.Add(ref _logLength, size);

                public void WriteData(long position)
                {
                    _dataLength = Math.Max(_dataLength, position);
                }
            }

            internal sealed class WalIndex
            {
                private readonly Locker _locker = new();
                private readonly Disk _disk = new();

                public int TryCheckpoint()
                {
                    if (_locker.TryEnterExclusive(out var mustExit) == false) return 0;
                    try { return CheckpointInternal(); }
                    finally { if (mustExit) _locker.ExitExclusive(); }
                }

                private int CheckpointInternal()
                {
                    _disk.WriteData(4096);
                    return 1;
                }

                public void Checkpoint()
                {
                    var mustExit = _locker.EnterExclusive();
                    try { _disk.WriteData(8192); }
                    finally { if (mustExit) _locker.ExitExclusive(); }
                }
            }
            """");

    [Fact]
    public Task Fl1003_callers_lock()
        => SharedStateSilence.VerifyNoRaceAsync(""""
            using System;
            using System.Threading;
            // NLog InternalLogger.ExceptionThrowWhenWriting: a static flag of one class, written by a timer callback's call into it
            // and by Reset(), which another class happens to call while holding its own registry lock. That lock does not guard
            // the flag (it belongs to another class and most of the flag's accesses are outside it).
            static class Log
            {
                internal static bool Failed { get; private set; }

                public static void Reset() => Failed = false;

                public static void Write(string message)
                {
                    try { Console.WriteLine(message); }
                    catch (Exception) { Failed = true; }
                }
            }

            class Registry
            {
                internal static readonly object SyncRoot = new();

                public void Register(string name)
                {
                    lock (SyncRoot) { Log.Reset(); }
                }
            }

            class Watcher
            {
                private Timer? _timer;
                private readonly Registry _registry = new();

                public void Start()
                {
                    _timer = new Timer(_ => { Log.Write("reload"); _registry.Register("x"); }, null, 1000, Timeout.Infinite);
                }
            }
            """");

    [Fact]
    public Task Fl1003_immutable_members_of_guarded_collection()
        => SharedStateSilence.VerifyNoRaceAsync(""""
            using System.Collections.Generic;
            // NLog MemoryTarget.ThreadSafeList / ThreadSafeDictionary: 'IsReadOnly' of a List and 'Comparer' of a Dictionary never
            // change; reading them without the lock cannot race. (Merged build: FL1003 on both.)
            public sealed class SafeList<T>
            {
                private readonly List<T> _list = new();
                private readonly Dictionary<string, T> _dict = new();

                public void Add(T item) { lock (_list) { _list.Add(item); } }
                public T Get(int i) { lock (_list) { return _list[i]; } }
                public void Put(string k, T v) { lock (_list) { _dict[k] = v; } }
                public bool IsReadOnly => ((ICollection<T>)_list).IsReadOnly;
                public IEqualityComparer<string> Comparer => _dict.Comparer;
            }
            """");

    [Fact]
    public Task Fl1003_lock_guards_inner_stream()
        => SharedStateSilence.VerifyNoRaceAsync(""""
            using System.IO;
            // LiteDB ConcurrentStream: one wrapper per reader over a shared inner stream. 'lock (_stream)' guards the shared inner
            // stream; '_position' is this wrapper's own state, used by its one owner (a Stream is not for concurrent use). The
            // Position setter without the lock is not a race. (Accesses inside a lock region are not guarded by that lock when the
            // lock object is another object the region works on and the field is per-instance state of a non-thread-safe type.)
            internal sealed class SharedView : Stream
            {
                private readonly Stream _stream;
                private long _position;

                public SharedView(Stream stream) => _stream = stream;

                public override bool CanRead => true;
                public override bool CanSeek => true;
                public override bool CanWrite => false;
                public override long Length => _stream.Length;
                public override long Position { get => _position; set => _position = value; }
                public override void Flush() { }
                public override void SetLength(long value) => throw new System.NotSupportedException();
                public override void Write(byte[] buffer, int offset, int count) => throw new System.NotSupportedException();

                public override long Seek(long offset, SeekOrigin origin)
                {
                    lock (_stream) { _position = origin == SeekOrigin.Begin ? offset : _position + offset; return _position; }
                }

                public override int Read(byte[] buffer, int offset, int count)
                {
                    lock (_stream)
                    {
                        _stream.Position = _position;
                        var read = _stream.Read(buffer, offset, count);
                        _position = _stream.Position;
                        return read;
                    }
                }
            }
            """");

    [Fact]
    public Task Fl1003_template_method_under_base_lock()
        => SharedStateSilence.VerifyNoRaceAsync(""""
            using System;
            using System.Collections.Generic;
            // NLog Target: the base class calls its protected virtual template methods (InitializeTarget, WriteFailedNotInitialized)
            // only under 'lock (SyncRoot)'; subclasses override them and call base. The writes in them are guarded by the callers'
            // lock, and a protected method is not callable by clients. (Race branch: reported as FL1003 "written without holding
            // 'SyncRoot' … 'InitializeTarget' may run on several threads at once".)
            public abstract class Target
            {
                protected readonly object SyncRoot = new();
                private bool _initialized;
                private bool _scanned;
                private object[]? _layouts;

                public void Initialize()
                {
                    lock (SyncRoot)
                    {
                        if (_initialized) return;
                        _scanned = false;
                        InitializeTarget();
                        if (!_scanned) FindLayouts();
                        _initialized = true;
                    }
                }

                public void Write(string message)
                {
                    lock (SyncRoot)
                    {
                        if (!_initialized) { WriteFailed(message); return; }
                        Write(message, _layouts!);
                    }
                }

                protected virtual void InitializeTarget() => FindLayouts();

                protected virtual void WriteFailed(string message)
                {
                    if (!_scanned) { _scanned = true; Console.WriteLine("failed: " + message); }
                }

                protected abstract void Write(string message, object[] layouts);

                private void FindLayouts()
                {
                    _layouts = new object[] { "layout" };
                    _scanned = true;
                }
            }

            public sealed class ConsoleTarget : Target
            {
                private List<string>? _lines;

                protected override void InitializeTarget()
                {
                    _lines = new List<string>();
                    base.InitializeTarget();
                }

                protected override void Write(string message, object[] layouts) => _lines!.Add(message);
            }
            """");

    [Fact]
    public Task Fl1005_tryadd_fallback()
        => SharedStateSilence.VerifyNoRaceAsync(""""
            using System.Collections.Concurrent;
            // NLog CounterLayoutRenderer: TryGetValue, then TryAdd, and on a lost race read the winner. Correct: no update is
            // lost and every caller gets the one stored value. (Merged build: FL1005 "TryGetValue then add … use GetOrAdd".)
            public sealed class Sequences
            {
                private static readonly ConcurrentDictionary<string, object> All = new();

                public static object Get(string name)
                {
                    if (!All.TryGetValue(name, out var sequence))
                    {
                        sequence = new object();
                        if (!All.TryAdd(name, sequence))
                        {
                            All.TryGetValue(name, out sequence);
                        }
                    }
                    return sequence!;
                }
            }
            """");
    [Fact]
    public Task Fl1003_rx_sink_run_initializes_before_subscribing_itself()
        => SharedStateSilence.VerifyNoRaceAsync(""""
            using System;
            using System.Collections.Generic;
            // System.Reactive's Buffer and Delay sinks: Run() resets the sink's state, then subscribes the sink to its
            // source or schedules its timer with the sink as the callback's state. Until then nothing else can call the
            // sink, so those stores are set-up, not unlocked writes of state that OnNext and Tick guard with _gate.
            public interface IScheduler { IDisposable Schedule<TState>(TState state, TimeSpan due, Action<TState> action); }

            public sealed class BufferSink : IObserver<int>
            {
                private readonly object _gate = new object();
                private readonly Queue<List<int>> _q = new Queue<List<int>>();
                private readonly IScheduler _scheduler;
                private readonly IObservable<int> _source;
                private int _n;

                public BufferSink(IScheduler scheduler, IObservable<int> source) { _scheduler = scheduler; _source = source; }

                public void Run()
                {
                    _n = 0;
                    CreateWindow();
                    CreateTimer();
                    _source.Subscribe(this);
                }

                private void CreateWindow() => _q.Enqueue(new List<int>());

                private void CreateTimer() => _scheduler.Schedule((@this: this, id: 1), TimeSpan.FromSeconds(1), static t => t.@this.Tick());

                private void Tick()
                {
                    lock (_gate)
                    {
                        if (_q.Count > 0) _q.Dequeue();
                        CreateWindow();
                        _n = 0;
                    }
                }

                public void OnNext(int value)
                {
                    lock (_gate)
                    {
                        foreach (var s in _q) s.Add(value);
                        _n++;
                    }
                }

                public void OnError(Exception error) { lock (_gate) { _q.Clear(); } }

                public void OnCompleted() { lock (_gate) { _q.Clear(); } }
            }

            public abstract class DelaySink : IObserver<int>
            {
                private readonly object _gate = new object();
                private bool _atEnd;
                private IDisposable? _subscription;

                public void Run()
                {
                    _atEnd = false;
                    _subscription = RunCore();
                }

                protected abstract IDisposable RunCore();

                public void OnNext(int value) { lock (_gate) { if (_atEnd) return; } }

                public void OnError(Exception error) { lock (_gate) { _atEnd = true; } }

                public void OnCompleted() { lock (_gate) { _atEnd = true; } }
            }
            """");

    [Fact]
    public Task Fl1003_writes_before_handing_out_a_subscription_handle_are_still_judged()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync("""
            using System;

            public sealed class Bus
            {
                private readonly object _gate = new object();
                private int _subscribers;

                public IDisposable Subscribe()
                {
                    [|_subscribers = _subscribers + 1|];
                    return new Handle(this);
                }

                public void Unsubscribe() { lock (_gate) { _subscribers--; } }

                public int Count { get { lock (_gate) return _subscribers; } }

                private sealed class Handle : IDisposable
                {
                    private readonly Bus _bus;
                    public Handle(Bus bus) => _bus = bus;
                    public void Dispose() => _bus.Unsubscribe();
                }
            }
            """);
}
