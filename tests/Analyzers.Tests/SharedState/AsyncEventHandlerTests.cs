using Forklift.Analyzers.SharedState;
using Microsoft.CodeAnalysis.Testing;
using Collections = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.CollectionMutatedConcurrentlyAnalyzer>;
using Fields = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.SharedStateMutationAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// An <c>async void</c> event handler whose first <c>await</c> is <c>ConfigureAwait(false)</c> finishes on the thread
/// pool: the continuations of two raises run at the same time even when the event is raised from one thread (blind set
/// k, R10: a presence tracker that records a user after loading the profile).
/// </summary>
public class AsyncEventHandlerTests
{
    private const string Gateway = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public sealed class ConnectionEventArgs : EventArgs
        {
            public ConnectionEventArgs(string userId) { UserId = userId; }
            public string UserId { get; }
        }

        public interface IGateway
        {
            event EventHandler<ConnectionEventArgs> Connected;
        }

        public interface IDirectory
        {
            Task<string> NameAsync(string userId);
        }

        """;

    [Fact]
    public Task Collection_written_after_the_first_await_of_an_async_void_handler_is_flagged()
        => Collections.VerifyAnalyzerAsync(Gateway + """
            public sealed class Presence
            {
                private readonly IDirectory _directory;
                private readonly Dictionary<string, string> _online = new();

                public Presence(IGateway gateway, IDirectory directory)
                {
                    _directory = directory;
                    {|#1:gateway.Connected += OnConnected|};
                }

                private async void OnConnected(object? sender, ConnectionEventArgs e)
                {
                    var name = await _directory.NameAsync(e.UserId).ConfigureAwait(false);
                    {|#0:_online[e.UserId] = name|};
                }
            }
            """,
            Collections.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_online", "Dictionary<string, string>", "OnConnected", "'OnConnected' runs on several threads (started at line 28)"));

    [Fact]
    public Task Async_lambda_handler_is_an_entry_too()
        => Collections.VerifyAnalyzerAsync(Gateway + """
            public sealed class Presence
            {
                private readonly List<string> _seen = new();

                public Presence(IGateway gateway, IDirectory directory)
                {
                    gateway.Connected += async (sender, e) =>
                    {
                        var name = await directory.NameAsync(e.UserId).ConfigureAwait(false);
                        [|_seen.Add(name)|];
                    };
                }
            }
            """);

    [Fact]
    public Task Code_before_the_first_await_runs_on_the_raising_thread_one_raise_after_another()
        => Fields.VerifyAnalyzerAsync(Gateway + """
            public sealed class Presence
            {
                private readonly IDirectory _directory;
                private int _connects;
                private string _last = "";

                public Presence(IGateway gateway, IDirectory directory)
                {
                    _directory = directory;
                    gateway.Connected += OnConnected;
                }

                private async void OnConnected(object? sender, ConnectionEventArgs e)
                {
                    _connects++;
                    var name = await _directory.NameAsync(e.UserId).ConfigureAwait(false);
                    Console.WriteLine(name);
                }
            }
            """);

    [Fact]
    public Task Handler_that_resumes_in_the_raising_context_is_not_an_entry()
        => Collections.VerifyAnalyzerAsync(Gateway + """
            public sealed class Presence
            {
                private readonly IDirectory _directory;
                private readonly Dictionary<string, string> _online = new();

                public Presence(IGateway gateway, IDirectory directory)
                {
                    _directory = directory;
                    gateway.Connected += OnConnected;
                }

                // A UI app raises its events on the UI thread, and the continuation comes back to it.
                private async void OnConnected(object? sender, ConnectionEventArgs e)
                {
                    var name = await _directory.NameAsync(e.UserId);
                    _online[e.UserId] = await _directory.NameAsync(name).ConfigureAwait(false);
                }
            }
            """);

    // Set ai R09: the event is documented as raised from the scale's own reader thread, which has no context to come
    // back to; every continuation of the handler runs on the pool, with or without ConfigureAwait(false).
    private static string Worksheet(string eventDocumentation) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        public interface IScale
        {
            /// <summary>{{eventDocumentation}}</summary>
            event EventHandler<double> ReadingSettled;
        }

        public sealed class Worksheet
        {
            private readonly Func<Task<decimal>> _price;
            private readonly List<decimal> _lines = new();

            public Worksheet(IScale scale, Func<Task<decimal>> price)
            {
                _price = price;
                {|#1:scale.ReadingSettled += OnReadingSettled|};
            }

            private async void OnReadingSettled(object? sender, double grams)
            {
                var perGram = await _price();
                {|#0:_lines.Add(perGram * (decimal)grams)|};
            }

            public decimal RunningTotal() => _lines.Sum();
        }
        """;

    [Fact]
    public Task A_handler_of_an_event_documented_as_raised_from_a_thread_resumes_on_the_pool()
        => Collections.VerifyAnalyzerAsync(
            Worksheet("Raised from the scale's serial reader thread whenever a weighing settles."),
            Collections.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_lines", "List<decimal>", "OnReadingSettled", "'OnReadingSettled' runs on several threads (started at line 20)"));

    [Fact]
    public Task A_handler_of_an_event_documented_as_raised_on_the_UI_thread_is_silent()
        => Collections.VerifyAnalyzerAsync(
            Worksheet("Raised on the UI thread whenever a weighing settles.").Replace("{|#0:", string.Empty).Replace("grams)|};", "grams);").Replace("{|#1:", string.Empty).Replace("OnReadingSettled|};", "OnReadingSettled;"));

    /// <summary>
    /// Set as R04: a view-model's public handler wired to a text box's event in markup, outside the compilation; after
    /// its first <c>ConfigureAwait(false)</c> it changes the recent-queries list on the pool while the UI thread copies
    /// it through a getter.
    /// </summary>
    [Fact]
    public Task Public_async_void_handler_wired_outside_the_compilation_is_an_entry()
        => Collections.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class SearchViewModel
            {
                private readonly List<string> _recent = new List<string>();

                public IReadOnlyList<string> Recent => _recent.ToArray();

                public async void OnQueryTextChanged(string text)
                {
                    {|#1:await Task.Delay(300).ConfigureAwait(false)|};
                    {|#0:_recent.Insert(0, text)|};
                }
            }
            """,
            Collections.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_recent", "List<string>", "OnQueryTextChanged", "'OnQueryTextChanged' runs on several threads (started at line 12)"));

    [Fact]
    public Task Public_async_void_handler_that_resumes_in_its_context_or_is_private_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;

            public sealed class SearchViewModel
            {
                private readonly List<string> _recent = new List<string>();

                public IReadOnlyList<string> Recent => _recent.ToArray();

                // Resumes on the UI thread that raised it.
                public async void OnQueryTextChanged(string text)
                {
                    await Task.Delay(300);
                    _recent.Insert(0, text);
                }

                // Leaves the context, but only the caller's own values are touched after it.
                public async void OnSaved(string text)
                {
                    var trimmed = text.Trim();
                    await Task.Delay(300).ConfigureAwait(false);
                    System.Console.WriteLine(trimmed);
                }
            }
            """);

    private const string LaneBoard = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public interface IScores
        {
            Task<IReadOnlyList<int>> CurrentAsync(CancellationToken ct);
        }

        public interface IUiDispatcher
        {
            void Post(Action action);
        }

        """;

    /// <summary>
    /// Set av R10: a view-model's public async method leaves the UI thread with <c>ConfigureAwait(false)</c>, refills
    /// its rows on the pool and only then posts the rest back to the UI dispatcher, while the screen renders the rows on
    /// the UI thread.
    /// </summary>
    [Fact]
    public Task Public_async_method_that_changes_state_before_handing_back_to_the_UI_thread_is_flagged()
        => Collections.VerifyAnalyzerAsync(LaneBoard + """
            public sealed class LaneBoard
            {
                private readonly IScores _scores;
                private readonly IUiDispatcher _dispatcher;
                private readonly List<int> _rows = new();
                private bool _busy;

                public LaneBoard(IScores scores, IUiDispatcher dispatcher)
                {
                    _scores = scores;
                    _dispatcher = dispatcher;
                }

                public async Task RefreshAsync(CancellationToken ct)
                {
                    _busy = true;
                    var scores = {|#1:await _scores.CurrentAsync(ct).ConfigureAwait(false)|};
                    {|#0:_rows.Clear()|};
                    {|#2:_rows.AddRange(scores)|};
                    _dispatcher.Post(() => _busy = false);
                }

                public int Render()
                {
                    var total = 0;
                    foreach (var row in _rows)
                    {
                        total += row;
                    }

                    return total;
                }
            }
            """,
            Collections.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("_rows", "List<int>", "RefreshAsync", "'RefreshAsync' runs on several threads (started at line 31)"),
            Collections.Diagnostic().WithLocation(2).WithLocation(1).WithArguments("_rows", "List<int>", "RefreshAsync", "'RefreshAsync' runs on several threads (started at line 31)"));

    /// <summary>Set av C10: the continuation builds a new list and posts every change of the object's state to the UI thread.</summary>
    [Fact]
    public Task Public_async_method_that_hands_every_change_back_to_the_UI_thread_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(LaneBoard + """
            public sealed class LaneBoard
            {
                private readonly IScores _scores;
                private readonly IUiDispatcher _dispatcher;
                private readonly List<int> _rows = new();
                private bool _busy;

                public LaneBoard(IScores scores, IUiDispatcher dispatcher)
                {
                    _scores = scores;
                    _dispatcher = dispatcher;
                }

                public bool Busy => _busy;

                public async Task RefreshAsync(CancellationToken ct)
                {
                    if (_busy)
                    {
                        return;
                    }

                    _busy = true;
                    try
                    {
                        var scores = await _scores.CurrentAsync(ct).ConfigureAwait(false);
                        var ordered = new List<int>(scores);
                        ordered.Sort();
                        _dispatcher.Post(() =>
                        {
                            _rows.Clear();
                            _rows.AddRange(ordered);
                            _busy = false;
                        });
                    }
                    catch (OperationCanceledException)
                    {
                        _dispatcher.Post(() => _busy = false);
                    }
                }

                public int Render()
                {
                    var total = 0;
                    foreach (var row in _rows)
                    {
                        total += row;
                    }

                    return total;
                }
            }
            """);

    /// <summary>Set ax R14: a view-model's public async void command refills its ObservableCollection after ConfigureAwait(false).</summary>
    [Fact]
    public Task ObservableCollection_refilled_after_the_command_leaves_the_UI_thread_is_flagged()
        => Collections.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Collections.ObjectModel;
            using System.Threading.Tasks;

            public sealed class TourViewModel
            {
                public ObservableCollection<string> Stops { get; } = new ObservableCollection<string>();

                public int Count() { var n = 0; foreach (var stop in Stops) { n++; } return n; }

                public async void RefreshCommand(IReadOnlyList<string> next)
                {
                    {|#1:await Task.Delay(10).ConfigureAwait(false)|};
                    {|#0:Stops.Clear()|};
                }
            }
            """,
            Collections.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("Stops", "ObservableCollection<string>", "RefreshCommand", "'RefreshCommand' runs on several threads (started at line 13)"));
}
