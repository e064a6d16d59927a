using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A field-like event checked for null and raised by reading the field again, while code of the compilation removes its
/// handlers (set av R05: a ticket booth sold from two threads, and a scoreboard that detaches when a booth closes).
/// </summary>
public class EventRaisedAfterCheckTests
{
    /// <summary>A booth that counts with <paramref name="count"/> and raises its event with <paramref name="raise"/>; a scoreboard attaches and detaches (<paramref name="detach"/>).</summary>
    private static string Booth(string raise, string count = "Interlocked.Add(ref _sold, tickets);", string detach = "{|#1:booth.Sold -= OnSold|};") => $$"""
        using System;
        using System.Threading;

        public sealed class Booth
        {
            private int _sold;

            public event EventHandler? Sold;

            public void Sell(int tickets)
            {
                {{count}}
                {{raise}}
            }
        }

        public sealed class Scoreboard
        {
            public void Attach(Booth booth) => booth.Sold += OnSold;

            public void Detach(Booth booth) => {{detach}}

            private void OnSold(object? sender, EventArgs e) { }
        }
        """;

    [Theory]
    [InlineData("if (Sold != null) { {|#0:Sold(this, EventArgs.Empty)|}; }")]
    [InlineData("if (Sold is not null) {|#0:Sold.Invoke(this, EventArgs.Empty)|};")]
    public Task Event_checked_for_null_then_raised_by_a_second_read_while_a_handler_is_removed_elsewhere(string raise)
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Booth(raise),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "Sold", "Detach",
                "'Sell' checks it for null at line 13 and raises it here by reading it again, so a handler 'Detach' removes in between (line 21) can leave it null; raise it once, from a local copy or with 'Sold?.Invoke(…)'"));

    /// <summary>One read: the null-conditional call, or a local copy.</summary>
    [Theory]
    [InlineData("Sold?.Invoke(this, EventArgs.Empty);")]
    [InlineData("var handler = Sold; if (handler != null) handler(this, EventArgs.Empty);")]
    public Task Event_raised_from_one_read_is_silent(string raise)
        => SharedStateSilence.VerifyNoRaceAsync(Booth(raise).Replace("{|#1:booth.Sold -= OnSold|}", "booth.Sold -= OnSold"));

    /// <summary>Nothing removes a handler, or the type synchronizes nothing: nothing says the field changes under the raise.</summary>
    [Theory]
    [InlineData("Interlocked.Add(ref _sold, tickets);", "booth.Sold += OnSold;")]
    [InlineData("_sold += tickets;", "booth.Sold -= OnSold;")]
    public Task Event_no_one_unsubscribes_or_of_a_type_that_synchronizes_nothing_is_silent(string count, string detach)
        => SharedStateSilence.VerifyNoRaceAsync(Booth("if (Sold != null) { Sold(this, EventArgs.Empty); }", count, detach));

    /// <summary>
    /// An event with accessors that add and remove under a lock, raised from its backing field by two reads outside it
    /// (set be R12: a sensor thread announcing changes while the display detaches).
    /// </summary>
    private static string Board(string raise) => $$"""
        using System;

        public sealed class Board
        {
            private readonly object _gate = new();
            private EventHandler? _changed;

            public event EventHandler? Changed
            {
                add { lock (_gate) { _changed += value; } }
                remove { lock (_gate) { _changed -= value; } }
            }

            public void SensorLoop()
            {
                {{raise}}
            }
        }

        public sealed class Display
        {
            public void Attach(Board board) => board.Changed += OnChanged;

            public void Detach(Board board) => {|#1:board.Changed -= OnChanged|};

            private void OnChanged(object? sender, EventArgs e) { }
        }
        """;

    [Fact]
    public Task Backing_field_of_an_event_with_locked_accessors_raised_by_a_second_read_is_flagged()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Board("if (_changed != null) { {|#0:_changed(this, EventArgs.Empty)|}; }"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_changed", "Detach",
                "'SensorLoop' checks it for null at line 16 and raises it here by reading it again, so a handler 'Detach' removes in between (line 24) can leave it null (the lock 'Changed''s remove accessor takes is not held here); raise it once, from a local copy or with '_changed?.Invoke(…)'"));

    [Fact]
    public Task Backing_field_raised_from_one_read_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Board("_changed?.Invoke(this, EventArgs.Empty);").Replace("{|#1:board.Changed -= OnChanged|}", "board.Changed -= OnChanged"));
}
