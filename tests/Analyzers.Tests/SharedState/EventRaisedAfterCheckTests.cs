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
}
