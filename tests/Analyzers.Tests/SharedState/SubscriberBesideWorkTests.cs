using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// Work started on another thread may raise an event of its object; a subscriber in another type runs its handler on
/// that thread while its own callers (a screen's bindings) use the same state on theirs. The subscriber's public members
/// that name the state its handler touched run beside the handler (set w R06). A change the handler or the work hands
/// to the UI thread (a synchronization context's <c>Post</c>, a dispatcher's <c>Invoke</c>) is made where those members
/// run, and is not part of the started work.
/// </summary>
public class SubscriberBesideWorkTests
{
    private const string Driver = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public sealed class Pump
        {
            public event EventHandler<string>? Finished;

            public Task RunAsync(string job) => Task.Run(async () =>
            {
                await Task.Delay(100);
                Finished?.Invoke(this, job);
            });
        }

        """;

    [Fact]
    public Task History_changed_by_the_handler_and_copied_by_a_getter()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(Driver + """
            public sealed class PumpScreen
            {
                private readonly List<string> _history = new();

                public PumpScreen(Pump pump) => pump.Finished += OnFinished;

                public string[] History => _history.ToArray();

                private void OnFinished(object? sender, string job) => [|_history.Add(job)|];
            }
            """);

    [Fact]
    public Task History_changed_and_copied_under_one_lock_is_not_reported()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(Driver + """
            public sealed class PumpScreen
            {
                private readonly object _gate = new();
                private readonly List<string> _history = new();

                public PumpScreen(Pump pump) => pump.Finished += OnFinished;

                public string[] History
                {
                    get { lock (_gate) { return _history.ToArray(); } }
                }

                private void OnFinished(object? sender, string job)
                {
                    lock (_gate)
                    {
                        _history.Add(job);
                    }
                }
            }
            """);

    [Fact]
    public Task Members_that_do_not_name_the_handled_state_are_not_paired()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(Driver + """
            public sealed class PumpScreen
            {
                private readonly List<string> _history = new();

                public PumpScreen(Pump pump) => pump.Finished += OnFinished;

                public string Title => "pump";

                private void OnFinished(object? sender, string job) => _history.Add(job);
            }
            """);

    [Fact]
    public Task Handler_that_posts_its_change_to_the_UI_thread_is_not_reported()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(Driver + """
            public sealed class PumpScreen
            {
                private readonly System.Threading.SynchronizationContext _ui;
                private readonly List<string> _history = new();

                public PumpScreen(Pump pump, System.Threading.SynchronizationContext ui)
                {
                    _ui = ui;
                    pump.Finished += OnFinished;
                }

                public string[] History => _history.ToArray();

                private void OnFinished(object? sender, string job) => _ui.Post(_ => _history.Add(job), null);
            }
            """);

    [Fact]
    public Task Work_that_hands_its_change_to_a_dispatcher_is_not_reported()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public abstract class Dispatcher
            {
                public abstract void Invoke(Action action);
            }

            public sealed class Screen
            {
                private readonly Dispatcher _dispatcher;
                private readonly List<string> _items = new();

                public Screen(Dispatcher dispatcher) => _dispatcher = dispatcher;

                public string[] Items => _items.ToArray();

                public void Refresh() => Task.Run(() =>
                {
                    var line = DateTime.Now.ToString();
                    _dispatcher.Invoke(() => _items.Add(line));
                });
            }
            """);

    [Fact]
    public Task Work_that_changes_the_list_itself_is_still_reported()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class Screen
            {
                private readonly List<string> _items = new();

                public string[] Items => _items.ToArray();

                public void Refresh() => Task.Run(() =>
                {
                    var line = DateTime.Now.ToString();
                    [|_items.Add(line)|];
                });
            }
            """);

    private const string WindowDispatcher = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Telemetry
        {
            public event EventHandler<string>? Received;

            public Task PollAsync(IEnumerable<string> stations, CancellationToken ct) =>
                Parallel.ForEachAsync(stations, ct, async (station, token) =>
                {
                    await Task.Delay(200, token);
                    Received?.Invoke(this, station);
                });
        }

        public sealed class WindowDispatcher : IDisposable
        {
            private readonly System.Collections.Concurrent.BlockingCollection<Action> _queue = new();
            private readonly Thread _thread;

            public WindowDispatcher()
            {
                _thread = new Thread(Pump) { IsBackground = true, Name = "UI" };
                _thread.Start();
            }

            public void Post(Action action) => _queue.Add(action);

            private void Pump()
            {
                foreach (var action in _queue.GetConsumingEnumerable())
                {
                    RUN;
                }
            }

            public void Dispose() => _queue.CompleteAdding();
        }

        public sealed class StationScreen
        {
            private readonly WindowDispatcher _ui;
            private readonly List<string> _log = new();

            public StationScreen(Telemetry source, WindowDispatcher ui)
            {
                _ui = ui;
                source.Received += (_, station) => _ui.Post(() => Record(station));
            }

            private void Record(string station)
            {
                ADD;
                if (_log.Count > 100)
                {
                    REMOVE;
                }
            }
        }
        """;

    /// <summary>
    /// Set an C06: readings raised from parallel workers are posted to a dispatcher of the library's own, which runs what
    /// is posted on the one thread it starts. A dispatcher whose thread hands each action to the thread pool runs them at
    /// once, and the changes are still reported.
    /// </summary>
    [Fact]
    public Task Handler_that_posts_its_change_to_a_dispatcher_with_one_thread_of_its_own_is_not_reported()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(WindowDispatcher
            .Replace("RUN", "action()").Replace("ADD", "_log.Add(station)").Replace("REMOVE", "_log.RemoveAt(0)"));

    /// <summary>
    /// Set at C24: the dispatcher queues a lambda that calls the action and completes a task for the caller, not the
    /// action itself; it still runs on the dispatcher's one thread. Through the thread pool, it is still reported.
    /// </summary>
    [Theory]
    [InlineData("action()", "_log.Add(station)", "_log.RemoveAt(0)")]
    [InlineData("ThreadPool.QueueUserWorkItem(_ => action())", "[|_log.Add(station)|]", "[|_log.RemoveAt(0)|]")]
    public Task A_dispatcher_that_queues_a_lambda_calling_the_action_runs_it_where_the_queue_is_read(string run, string add, string remove)
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(WindowDispatcher
            .Replace("public void Post(Action action) => _queue.Add(action);", "public void Post(Action action) => _queue.Add(() => { try { action.Invoke(); } catch (InvalidOperationException) { } });")
            .Replace("RUN", run).Replace("ADD", add).Replace("REMOVE", remove));

    [Fact]
    public Task Handler_that_posts_its_change_to_a_dispatcher_that_runs_it_on_the_thread_pool_is_reported()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(WindowDispatcher
            .Replace("RUN", "ThreadPool.QueueUserWorkItem(_ => action())").Replace("ADD", "[|_log.Add(station)|]").Replace("REMOVE", "[|_log.RemoveAt(0)|]"));
}
