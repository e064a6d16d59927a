namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>Correct concurrent code, written as applications write it: every race rule must stay silent.</summary>
public class CleanShapeTests
{
    [Fact]
    public Task Double_checked_locking()
        => SharedStateSilence.VerifyNoRaceAsync("""
            public sealed class Config
            {
                private readonly object _sync = new object();
                private volatile object _loaded;

                public object Get()
                {
                    if (_loaded == null)
                    {
                        lock (_sync)
                        {
                            if (_loaded == null) _loaded = new object();
                        }
                    }

                    return _loaded;
                }
            }
            """);

    [Fact]
    public Task Reader_writer_lock_cache()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading;

            public sealed class Cache
            {
                private readonly ReaderWriterLockSlim _lock = new ReaderWriterLockSlim();
                private readonly Dictionary<string, string> _items = new();

                public string Get(string key)
                {
                    _lock.EnterReadLock();
                    try { return _items.TryGetValue(key, out var v) ? v : null; }
                    finally { _lock.ExitReadLock(); }
                }

                public void Set(string key, string value)
                {
                    _lock.EnterWriteLock();
                    try { _items[key] = value; }
                    finally { _lock.ExitWriteLock(); }
                }
            }
            """);

    [Fact]
    public Task Async_gate_with_SemaphoreSlim()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Uploader
            {
                private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                private readonly List<string> _sent = new();
                private int _count;

                public async Task SendAsync(string item)
                {
                    await _gate.WaitAsync();
                    try
                    {
                        await Task.Delay(1);
                        _sent.Add(item);
                        _count++;
                    }
                    finally
                    {
                        _gate.Release();
                    }
                }
            }
            """);

    [Fact]
    public Task Immutable_snapshot_swapped_with_Interlocked()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Immutable;
            using System.Threading;

            public sealed class Registry
            {
                private ImmutableList<string> _names = ImmutableList<string>.Empty;

                public void Add(string name)
                {
                    ImmutableList<string> before, after;
                    do
                    {
                        before = Volatile.Read(ref _names);
                        after = before.Add(name);
                    }
                    while (Interlocked.CompareExchange(ref _names, after, before) != before);
                }

                public int Count => Volatile.Read(ref _names).Count;
            }
            """);

    [Fact]
    public Task Concurrent_dictionary_used_atomically_and_Lazy_values()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Collections.Concurrent;
            using System.Threading.Tasks;

            public sealed class Counters
            {
                private readonly ConcurrentDictionary<string, int> _hits = new();
                private readonly ConcurrentDictionary<string, Lazy<object>> _values = new();

                public void Count(string[] keys) => Parallel.ForEach(keys, k => _hits.AddOrUpdate(k, 1, (_, v) => v + 1));

                public object Get(string key) => _values.GetOrAdd(key, k => new Lazy<object>(() => new object())).Value;
            }
            """);

    [Fact]
    public Task Per_item_results_written_to_distinct_slots_and_merged_after_the_join()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public static class Stats
            {
                public static int Sum(int[] items)
                {
                    var partial = new int[items.Length];
                    Parallel.For(0, items.Length, i => partial[i] = items[i] * 2);
                    var total = 0;
                    foreach (var p in partial) total += p;
                    var names = new List<string>();
                    Parallel.For(0, 4, i => { var local = new List<string>(); local.Add(i.ToString()); });
                    return total + names.Count;
                }
            }
            """);

    [Fact]
    public Task Worker_thread_that_takes_the_lock_its_callers_take()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading;

            public sealed class Batcher
            {
                private readonly object _sync = new object();
                private readonly List<string> _pending = new();
                private bool _stopped;

                public Batcher() => new Thread(Loop) { IsBackground = true }.Start();

                public void Add(string item) { lock (_sync) { _pending.Add(item); Monitor.Pulse(_sync); } }

                public void Stop() { lock (_sync) { _stopped = true; Monitor.Pulse(_sync); } }

                private void Loop()
                {
                    while (true)
                    {
                        string[] batch;
                        lock (_sync)
                        {
                            while (_pending.Count == 0 && !_stopped) Monitor.Wait(_sync);
                            if (_stopped) return;
                            batch = _pending.ToArray();
                            _pending.Clear();
                        }

                        System.Console.WriteLine(batch.Length);
                    }
                }
            }
            """);

    [Fact]
    public Task Async_method_awaited_in_sequence_and_per_item_receivers_under_WhenAll()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            public sealed class Client
            {
                private int _connects;

                public async Task ConnectAsync() { await Task.Yield(); _connects++; }
            }

            public sealed class Dispatcher
            {
                private int _sent;

                public async Task SendTwoAsync(Func<Task> a, Func<Task> b) { await SendAsync(a); await SendAsync(b); }

                public async Task SendEachAsync(Func<Task>[] sends) { foreach (var s in sends) await SendAsync(s); }

                public Task ConnectAllAsync(Client[] clients) => Task.WhenAll(clients.Select(c => c.ConnectAsync()));

                public async Task ConnectEachAsync(Client[] clients)
                {
                    var tasks = new List<Task>();
                    foreach (var c in clients) tasks.Add(c.ConnectAsync());
                    await Task.WhenAll(tasks);
                }

                private async Task SendAsync(Func<Task> send) { await send(); _sent++; }
            }
            """);

    [Fact]
    public Task Thread_started_per_new_instance_owns_that_instance()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading;

            public sealed class ShardWorker
            {
                private readonly Dictionary<string, int> _seen = new();
                private long _processed;

                public long Processed => _processed;

                public void Run()
                {
                    for (var i = 0; i < 1000; i++) { _seen[i.ToString()] = i; _processed++; }
                }

                public static long RunAll(int shards)
                {
                    var workers = new ShardWorker[shards];
                    var threads = new Thread[shards];
                    for (var i = 0; i < shards; i++)
                    {
                        var worker = new ShardWorker();
                        workers[i] = worker;
                        threads[i] = new Thread(worker.Run);
                        threads[i].Start();
                    }

                    foreach (var t in threads) t.Join();
                    long total = 0;
                    foreach (var w in workers) total += w.Processed;
                    return total;
                }
            }
            """);

    [Fact]
    public Task Object_initializer_of_a_new_object_in_parallel_code()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Threading.Tasks;

            public sealed class Order
            {
                public int CustomerId { get; init; }
                public decimal Amount { get; set; }
            }

            public sealed class LoadGenerator
            {
                public Order[] Make(int n)
                {
                    var orders = new Order[n];
                    Parallel.For(0, n, i => orders[i] = Next(i));
                    return orders;
                }

                private static Order Next(int i) => new Order { CustomerId = i, Amount = i * 2m };
            }
            """);

    [Fact]
    public Task Starter_code_after_the_join_of_its_tasks()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Text;
            using System.Threading.Tasks;

            public sealed class Report
            {
                public string Build(string[] hosts)
                {
                    var sb = new StringBuilder();
                    var tasks = hosts.Select(h => Task.Run(() => { lock (sb) sb.AppendLine(h); })).ToArray();
                    Task.WaitAll(tasks);
                    sb.AppendLine("end");
                    return sb.ToString();
                }

                public async Task<string> BuildAwaitedAsync(string[] hosts)
                {
                    var sb = new StringBuilder();
                    await Task.WhenAll(hosts.Select(h => Task.Run(() => { lock (sb) sb.AppendLine(h); })));
                    sb.AppendLine("end");
                    return sb.ToString();
                }

                public string BuildFromList(string[] hosts)
                {
                    var sb = new StringBuilder();
                    var tasks = new List<Task>();
                    foreach (var h in hosts) tasks.Add(Task.Run(() => { lock (sb) sb.AppendLine(h); }));
                    Task.WaitAll(tasks.ToArray());
                    sb.AppendLine("end");
                    return sb.ToString();
                }

                public string BuildFromArray(string[] hosts)
                {
                    var sb = new StringBuilder();
                    var tasks = new Task[hosts.Length];
                    for (var i = 0; i < hosts.Length; i++) { var h = hosts[i]; tasks[i] = Task.Run(() => { lock (sb) sb.AppendLine(h); }); }
                    Task.WaitAll(tasks);
                    sb.AppendLine("end");
                    return sb.ToString();
                }
            }
            """);

    [Fact]
    public Task State_touched_only_before_the_first_await_of_tasks_joined_by_WhenAll()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            public sealed class Dispatcher
            {
                private DateTime _lastStart;
                private readonly List<string> _started = new();

                public Task SendAllAsync(string[] names) => Task.WhenAll(names.Select(SendAsync));

                private async Task SendAsync(string name)
                {
                    _lastStart = DateTime.UtcNow;
                    _started.Add(name);
                    await Task.Delay(1);
                    Console.WriteLine(name);
                }
            }
            """);

    [Fact]
    public Task State_of_a_single_reader_channel_pump()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Channels;
            using System.Threading.Tasks;

            // Producers post from any thread; one pump, started once, is the only reader and owns what it updates.
            public sealed class Aggregator
            {
                private readonly Channel<int> _channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
                private readonly Dictionary<int, int> _counts = new();
                private long _total;
                private int _posted;
                private readonly Task _pump;

                public Aggregator() => _pump = Task.Run(PumpAsync);

                public void Post(int value)
                {
                    Interlocked.Increment(ref _posted);
                    _channel.Writer.TryWrite(value);
                }

                private async Task PumpAsync()
                {
                    await foreach (var value in _channel.Reader.ReadAllAsync())
                    {
                        _counts[value] = _counts.TryGetValue(value, out var c) ? c + 1 : 1;
                        _total += value;
                    }
                }

                public async Task<long> CompleteAsync()
                {
                    _channel.Writer.Complete();
                    await _pump;
                    return _total;
                }
            }
            """);
}
