// Corpus: representative inputs for the shared-state rules FL1001–FL1004, FL1007 (races and their correct twins).
// Not compiled into the test project; the robustness test feeds it (whole and truncated) to every analyzer.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.SharedState;

static class Bank
{
    static int balance;
    static readonly object gate = new object();

    static void Deposit(int n) { balance = balance + n; }           // FL1001
    static void Withdraw(int n) { balance = balance - n; }          // FL1001
    static void SafeDeposit(int n) { lock (gate) { balance += n; } }
    static void AtomicWithdraw(int n) => Interlocked.Add(ref balance, -n);

    public static void Main()
    {
        var t1 = new Thread(() => { for (int i = 0; i < 100000; i++) { Deposit(1); Withdraw(1); } });
        var t2 = new Thread(() => { for (int i = 0; i < 100000; i++) { Deposit(1); Withdraw(1); } });
        t1.Start(); t2.Start();
        t1.Join(); t2.Join();
        Console.WriteLine(balance);
    }
}

class Aggregator
{
    private readonly object _lock = new object();
    private readonly Dictionary<string, int> _counts = new();
    private readonly ConcurrentDictionary<string, int> _safeCounts = new();
    private long _total;
    private int _processed;

    public List<int> Squares(int[] items)
    {
        var results = new List<int>();
        Parallel.ForEach(items, i => results.Add(i * i));          // FL1002
        return results;
    }

    public int[] SquaresInSlots(int[] items)
    {
        var results = new int[items.Length];
        Parallel.For(0, items.Length, i => results[i] = items[i] * items[i]);
        return results;
    }

    public void Count(IEnumerable<string> words)
    {
        Parallel.ForEach(words, word =>
        {
            lock (_lock) { _counts[word] = _counts.TryGetValue(word, out var n) ? n + 1 : 1; }
            _safeCounts.AddOrUpdate(word, 1, (_, n) => n + 1);
            _total += word.Length;                                  // FL1001
            Interlocked.Increment(ref _processed);
        });
    }

    public int Peek(string word) => Task.Run(() => _counts.Count).Result;

    public async Task<int> SumAsync(IEnumerable<int> values)
    {
        int sum = 0;
        await Task.WhenAll(values.Select(async v => { await Task.Yield(); sum += v; }));   // FL1001
        return sum;
    }

    public async Task SequentialAsync()
    {
        await Task.Run(() => _processed++);
        await Task.Run(() => _processed++);
    }
}

class Poller : IDisposable
{
    private readonly Timer _timer;
    private readonly System.Timers.Timer _elapsed = new(100);
    private readonly Queue<int> _pending = new();
    private int _ticks;
    private volatile bool _stopped;

    public Poller()
    {
        _timer = new Timer(_ => Tick(), null, 0, 50);
        _elapsed.Elapsed += (s, e) => _pending.Enqueue(_ticks);     // FL1002
        _elapsed.Start();
    }

    private void Tick() { if (!_stopped) _ticks++; }                 // FL1001

    public void Dispose() { _stopped = true; _timer.Dispose(); _elapsed.Dispose(); }
}

class Counter
{
    private readonly object _gate = new object();
    private int _count;

    public void Increment() { lock (_gate) { _count++; } }
    public void Reset() { _count = 0; }                              // FL1003

    public static void Run()
    {
        var counter = new Counter();
        var a = new Thread(() => { counter.Increment(); counter.Reset(); });
        var b = new Thread(counter.Increment);
        a.Start(); b.Start(); a.Join(); b.Join();
        ThreadPool.QueueUserWorkItem(_ => counter.Increment());
        Enumerable.Range(0, 10).AsParallel().ForAll(_ => counter.Increment());
    }
}

static class PerThread
{
    [ThreadStatic] private static List<int>? _buffer = new();        // FL1004
    [ThreadStatic] private static int _depth;
    private static readonly ThreadLocal<int> _local = new(() => 1);
    private static readonly AsyncLocal<string?> _flow = new();

    public static void Use() => Parallel.For(0, 4, i => { _depth++; _local.Value++; _flow.Value = i.ToString(); (_buffer ??= new()).Add(i); });
}

static class FlagsProvider
{
    private static readonly object s_gate = new object();
    private static Dictionary<string, bool>? s_flags;
    private static event EventHandler<int>? Loaded;
    private static int s_loadedCount;

    public static Dictionary<string, bool> Flags
    {
        get
        {
            if (s_flags == null)
            {
                lock (s_gate)
                {
                    if (s_flags == null)
                    {
                        s_flags = new Dictionary<string, bool>();    // FL1007
                        s_flags["beta"] = true;
                    }
                }
            }

            return s_flags;
        }
    }

    public static void LoadAll(int parts)
    {
        Loaded += (_, part) => s_loadedCount++;                       // FL1001: the handler runs on every loading thread
        Parallel.For(0, parts, part => Loaded?.Invoke(null, part));
    }
}
