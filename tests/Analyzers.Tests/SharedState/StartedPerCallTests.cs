using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// Fire-and-forget work that a method starts on every call runs alongside itself when callers call that method
/// repeatedly (#9): in a loop or from parallel code. Calls from two places alone are not repeated calls.
/// </summary>
public class StartedPerCallTests
{
    [Fact]
    public Task Work_queued_per_call_by_a_method_called_in_a_loop()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;

            sealed class Trail
            {
                private readonly List<string> _entries = new List<string>();

                public void Record(string entry) => ThreadPool.QueueUserWorkItem(_ => [|_entries.Add(entry)|]);

                public static void Main()
                {
                    var trail = new Trail();
                    for (var i = 0; i < 100; i++) trail.Record("x" + i);
                }
            }
            """);

    [Fact]
    public Task Task_started_per_call_by_a_method_called_from_parallel_code()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            static class Metrics
            {
                private static int s_sent;

                public static void Sent() => Task.Run(() => [|s_sent++|]);

                public static void SendAll(int[] items) => Parallel.ForEach(items, _ => Sent());
            }
            """);

    [Fact]
    public Task A_reader_started_from_two_places_that_never_both_run_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            // As StackExchange.Redis' PhysicalConnection: one reader per connection, started when the connection opens
            // or when it switches from a sync reader to an async one, never both.
            sealed class Connection
            {
                private byte[] _buffer = new byte[16];
                private long _received;
                private bool _sync;

                public void Open(CancellationToken cancellation)
                {
                    if (!_sync) StartReading(cancellation);
                }

                public void SwitchToAsync(CancellationToken cancellation)
                {
                    _sync = false;
                    StartReading(cancellation);
                }

                private void StartReading(CancellationToken cancellation) => Task.Run(() => ReadAllAsync(cancellation));

                private async Task ReadAllAsync(CancellationToken cancellation)
                {
                    _buffer = new byte[32];
                    while (!cancellation.IsCancellationRequested)
                    {
                        await Task.Yield();
                        _received += _buffer.Length;
                    }
                }
            }
            """);

    [Fact]
    public Task Work_started_once_per_object_or_per_call_state_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            sealed class Worker
            {
                private readonly Queue<int> _items = new Queue<int>();
                private Thread? _thread;
                private Task? _pump;
                private int _handled;
                private int _pumped;

                // One long-running thread or pump per object: its own fields are not shared with other starts.
                public void Start() { _thread = new Thread(Run); _thread.Start(); }
                private void Run() { while (_items.Count > 0) { _items.Dequeue(); _handled++; } }
                public void StartPump() { _pump = Task.Run(() => _pumped++); }

                // Each call's own list and each object created for a call.
                public static void Collect(string item) { var seen = new List<string>(); Task.Run(() => seen.Add(item)); }
                private int _count;
                public void Count() => Task.Run(() => _count++);

                public static void Main()
                {
                    var worker = new Worker();
                    worker.Start();
                    worker.StartPump();
                    worker.StartPump();
                    for (var i = 0; i < 10; i++)
                    {
                        Collect("x" + i);
                        new Worker().Count();
                    }
                }
            }
            """);

    [Fact]
    public Task Work_started_behind_a_running_flag_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            sealed class Mailbox
            {
                private readonly object _sync = new object();
                private readonly Queue<string> _queue = new Queue<string>();
                private bool _draining;
                private int _delivered;

                public void Post(string message)
                {
                    lock (_sync)
                    {
                        _queue.Enqueue(message);
                        if (_draining) return;
                        _draining = true;
                    }

                    Task.Run(Drain);
                }

                private void Drain()
                {
                    while (true)
                    {
                        lock (_sync)
                        {
                            if (_queue.Count == 0) { _draining = false; return; }
                            _queue.Dequeue();
                        }

                        _delivered++;
                    }
                }

                public static void Main()
                {
                    var box = new Mailbox();
                    for (var i = 0; i < 10; i++) box.Post("m" + i);
                }
            }
            """);

    [Fact]
    public Task Unlocked_lookup_before_the_work_a_member_starts_for_its_caller()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            // As set aq R15: the fast path reads '_inflight' outside the lock that every change of it holds. Each call
            // starts its own issuing, so the lookup is not set-up done before the work, it runs beside other calls.
            sealed class Issuer
            {
                private readonly object _gate = new object();
                private readonly Dictionary<string, Task<string>> _inflight = new Dictionary<string, Task<string>>();

                public Task<string> IssueAsync(string key)
                {
                    if ([|_inflight.TryGetValue(key, out var pending)|]) return pending;
                    TaskCompletionSource<string> tcs;
                    lock (_gate)
                    {
                        if (_inflight.TryGetValue(key, out pending)) return pending;
                        tcs = new TaskCompletionSource<string>();
                        _inflight[key] = tcs.Task;
                    }

                    _ = IssueCoreAsync(key, tcs);
                    return tcs.Task;
                }

                private async Task IssueCoreAsync(string key, TaskCompletionSource<string> tcs)
                {
                    await Task.Delay(10).ConfigureAwait(false);
                    lock (_gate) _inflight.Remove(key);
                    tcs.SetResult(key);
                }
            }
            """);

    [Fact]
    public Task Set_up_before_a_loop_started_once_or_before_joined_parallel_work_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            sealed class Pump
            {
                private readonly object _gate = new object();
                private readonly List<string> _log = new List<string>();
                private Task? _loop;

                // Started once, with only a token: what comes before is set-up that the loop sees in order.
                public void Start(CancellationToken cancellation)
                {
                    _log.Clear();
                    _loop = Task.Run(() => RunAsync(cancellation));
                }

                // Given the caller's value, but joined before it returns (set d C33).
                public void Step(int[] items, int factor)
                {
                    _log.Clear();
                    Parallel.For(0, items.Length, i => { lock (_gate) _log.Add((items[i] * factor).ToString()); });
                }

                private async Task RunAsync(CancellationToken cancellation)
                {
                    while (!cancellation.IsCancellationRequested)
                    {
                        await Task.Delay(100).ConfigureAwait(false);
                        lock (_gate) _log.Add("tick");
                    }
                }
            }
            """);
}
