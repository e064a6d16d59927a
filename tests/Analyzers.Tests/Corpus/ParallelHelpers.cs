// Corpus: the application's own helpers that run a delegate parameter on other threads (FL1001–FL1003 follow the
// lambdas passed to them), and helpers that do not. Not compiled into the test project; the robustness test feeds it
// (whole and broken) to every analyzer.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.ParallelHelpers;

static class Work
{
    public static void ForEachParallel<T>(this IEnumerable<T> items, Action<T> body) => Parallel.ForEach(items, body);

    public static void For(int count, Action<int> body)
    {
        Parallel.For(0, count, i => body(i));
    }

    public static void PerItem<T>(IEnumerable<T> items, Func<T, int> body)
    {
        var tasks = new List<Task>();
        foreach (var item in items)
        {
            tasks.Add(Task.Run(() => body(item)));
        }

        Task.WaitAll(tasks.ToArray());
    }

    public static void Sequential<T>(IEnumerable<T> items, Action<T> body)
    {
        foreach (var item in items)
        {
            body(item);
        }
    }

    public static void Fire(Action work) => ThreadPool.QueueUserWorkItem(_ => work());

    public static Task RunAsync(Action work) => Task.Run(work);

    public static async Task RunAndWaitAsync(Action work) => await Task.Run(work);

    public static void Replaced(IEnumerable<int> items, Action<int> body)
    {
        body = _ => { };
        Parallel.ForEach(items, body);
    }
}

sealed class Report
{
    private readonly object _gate = new object();
    private readonly List<string> _lines = new List<string>();
    private readonly Dictionary<string, int> _counts = new Dictionary<string, int>();
    private long _bytes;
    private int _pages;

    public long Sum(List<int> sizes)
    {
        sizes.ForEachParallel(s => _bytes += s);                         // FL1001
        Work.For(sizes.Count, i => { lock (_gate) { _bytes += sizes[i]; } });
        return _bytes;
    }

    public void Collect(IReadOnlyList<string> names)
    {
        Work.PerItem(names, n => { _lines.Add(n); return n.Length; });   // FL1002
        Work.Sequential(names, n => _counts[n] = n.Length);
        Work.Replaced(names.Select(n => n.Length), n => _pages++);
    }

    public async Task CrawlAsync(IEnumerable<Uri> sites)
    {
        foreach (var site in sites)
        {
            Work.Fire(() => _counts[site.Host] = 1);                     // FL1002
        }

        Work.Fire(Touch);
        _pages++;                                                        // FL1001
        var task = Work.RunAsync(() => _pages++);
        _pages++;
        await task;
        await Work.RunAsync(() => _pages++);
        await Work.RunAndWaitAsync(() => _pages++);
        _pages++;
    }

    private void Touch() => _pages++;
}
