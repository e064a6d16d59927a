using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>Realistic race shapes the rules once missed (issue #9), each as it would appear in an application.</summary>
public class RaceShapeTests
{
    [Fact]
    public Task Random_shared_by_a_parallel_loop()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Simulation
            {
                private readonly Random _random = new Random(42);

                public double[] Sample(int n)
                {
                    var samples = new double[n];
                    Parallel.For(0, n, i => samples[i] = [|_random.NextDouble()|]);
                    return samples;
                }
            }
            """);

    [Fact]
    public Task StringBuilder_shared_by_tasks()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System.Linq;
            using System.Text;
            using System.Threading.Tasks;

            class Report
            {
                public static string Build(string[] sections)
                {
                    var text = new StringBuilder();
                    var tasks = sections.Select(s => Task.Run(() => [|text.AppendLine(s.ToUpperInvariant())|])).ToArray();
                    Task.WaitAll(tasks);
                    return text.ToString();
                }
            }
            """);

    [Fact]
    public Task Delegates_gathered_in_an_array_for_Parallel_Invoke()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Importer
            {
                private int _imported;

                public void ImportAll()
                {
                    var steps = new Action[] { () => [|_imported += 10|], () => [|_imported += 20|] };
                    Parallel.Invoke(steps);
                }
            }
            """);

    [Fact]
    public Task Delegates_gathered_in_a_list_for_Parallel_Invoke()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class Importer
            {
                private int _imported;

                public void ImportAll(string[] files)
                {
                    var steps = new List<Action>();
                    foreach (var file in files)
                    {
                        steps.Add(() => [|_imported += file.Length|]);
                    }

                    Parallel.Invoke(steps.ToArray());
                }
            }
            """);

    [Fact]
    public Task Catch_block_and_code_after_await_of_async_methods_joined_by_WhenAll()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Net.Http;
            using System.Threading.Tasks;

            class Crawler
            {
                private int _failures;
                private long _bytes;
                private readonly HttpClient _http = new HttpClient();

                public Task CrawlAsync(string[] urls) => Task.WhenAll(Array.ConvertAll(urls, FetchAsync));

                public async Task CrawlTwoAsync(string a, string b) => await Task.WhenAll(FetchAsync(a), FetchAsync(b));

                private async Task FetchAsync(string url)
                {
                    try
                    {
                        var body = await _http.GetStringAsync(url);
                        [|_bytes += body.Length|];
                    }
                    catch (HttpRequestException)
                    {
                        [|_failures++|];
                    }
                }
            }
            """);

    [Fact]
    public Task Catch_block_of_an_async_method_given_to_Select_as_a_method_group()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Linq;
            using System.Net.Http;
            using System.Threading.Tasks;

            class WebhookDispatcher
            {
                private int _failed;
                private readonly HttpClient _http = new HttpClient();

                public Task DeliverAllAsync(Uri[] hooks) => Task.WhenAll(hooks.Select(DeliverAsync));

                private async Task DeliverAsync(Uri hook)
                {
                    try
                    {
                        using var response = await _http.PostAsync(hook, new StringContent("{}")).ConfigureAwait(false);
                    }
                    catch (HttpRequestException)
                    {
                        [|_failed++|];
                    }
                }
            }
            """);

    [Fact]
    public Task List_filled_after_await_by_an_async_method_given_to_Select()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            class ThumbnailBatch
            {
                private readonly List<string> _written = new List<string>();

                public async Task RunAsync(IEnumerable<string> files)
                {
                    var jobs = files.Select(f => MakeAsync(f)).ToList();
                    await Task.WhenAll(jobs);
                }

                private async Task MakeAsync(string file)
                {
                    await Task.Delay(1);
                    [|_written.Add(file)|];
                }
            }
            """);

    [Fact]
    public Task Count_before_the_first_await_races_with_the_finally_of_other_calls()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;

            class Sender
            {
                private int _inFlight;

                public Task SendTwoAsync(Func<Task> a, Func<Task> b) => Task.WhenAll(SendAsync(a), SendAsync(b));

                private async Task SendAsync(Func<Task> send)
                {
                    [|_inFlight++|];
                    try { await send(); }
                    finally { [|_inFlight--|]; }
                }
            }
            """);

    [Fact]
    public Task Dedicated_consumer_thread_dequeues_without_the_producers_lock()
        => CSharpAnalyzerVerifier<InconsistentSynchronizationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading;

            public sealed class WorkQueue
            {
                private readonly object _sync = new object();
                private readonly Queue<string> _items = new Queue<string>();

                public WorkQueue() => new Thread(Consume) { IsBackground = true }.Start();

                public void Post(string item)
                {
                    lock (_sync) { _items.Enqueue(item); Monitor.Pulse(_sync); }
                }

                private void Consume()
                {
                    while (true)
                    {
                        lock (_sync) { while (_items.Count == 0) Monitor.Wait(_sync); }
                        var item = [|_items.Dequeue()|];
                        System.Console.WriteLine(item);
                    }
                }
            }
            """);

    [Fact]
    public Task Two_pumps_reading_one_channel_share_the_pump_state()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Channels;
            using System.Threading.Tasks;

            // As the single-reader pump, but with two readers: both update the same dictionary.
            public sealed class Aggregator
            {
                private readonly Channel<int> _channel = Channel.CreateUnbounded<int>();
                private readonly Dictionary<int, int> _counts = new();
                private readonly Task _pumps;

                public Aggregator() => _pumps = Task.WhenAll(Task.Run(PumpAsync), Task.Run(PumpAsync));

                public void Post(int value) => _channel.Writer.TryWrite(value);

                private async Task PumpAsync()
                {
                    await foreach (var value in _channel.Reader.ReadAllAsync())
                    {
                        [|_counts[value] = _counts.TryGetValue(value, out var c) ? c + 1 : 1|];
                    }
                }
            }
            """);

    [Fact]
    public Task Tasks_started_inside_the_arguments_of_WhenAll_run_together()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            // Before the fix, tasks started inside WhenAll's own arguments counted as joined where the call begins
            // (before they start), so on .NET 8 (params Task[]) nothing was reported.
            public sealed class Importer
            {
                private int _imported;

                public Task ImportBothAsync() => Task.WhenAll(Task.Run(() => Import()), Task.Run(() => Import()));

                private void Import() => [|_imported = _imported + 1|];
            }
            """);
}
