using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A pair of fields updated in two steps, a compare-and-swap loop and then a plain store (set ad R12: an auction lot's
/// amount raised by a CAS loop, its bidder stored afterwards, so two winners in a row can leave the first bidder
/// beside the second amount).
/// </summary>
public class SwappedThenStoredTests
{
    private static Task VerifyAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(source, expected);

    private static string Lot(string loop, string after, string modifier = "public") => $$"""
        using System;
        using System.Threading;

        public sealed class Lot
        {
            private long _amount;
            private string? _bidder;
            private DateTime _changed;
            private int _busy;

            public long Amount => Interlocked.Read(ref _amount);
            public string? Bidder => Volatile.Read(ref _bidder);
            public DateTime Changed => _changed;

            {{modifier}} bool Bid(string bidder, long amount)
            {
        {{loop}}
        {{after}}
                return true;
            }
        }
        """;

    private const string BreakLoop = """
                while (true)
                {
                    long current = Interlocked.Read(ref _amount);
                    if (amount <= current)
                    {
                        return false;
                    }

                    if ({|#1:Interlocked.CompareExchange(ref _amount, amount, current)|} == current)
                    {
                        break;
                    }
                }
        """;

    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(string method = "Bid")
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic(DiagnosticIds.SharedStateMutation).WithLocation(0).WithLocation(1)
            .WithArguments("_bidder", method, "it is stored after the compare-and-swap of '_amount' succeeds, in a second step: two calls can win the swap one after the other and store '_bidder' in the other order, leaving it beside a '_amount' it was not stored with; change the two together, under one lock or as one object swapped with 'Interlocked.CompareExchange'");

    [Fact]
    public Task A_field_stored_from_an_argument_after_a_compare_and_swap_loop_is_reported()
        => VerifyAsync(Lot(BreakLoop, "        {|#0:_bidder = bidder|};"), Expected());

    [Fact]
    public Task A_field_stored_after_a_loop_whose_condition_retries_the_swap_is_reported()
        => VerifyAsync(Lot("""
                    long current;
                    do
                    {
                        current = Interlocked.Read(ref _amount);
                    }
                    while ({|#1:Interlocked.CompareExchange(ref _amount, Math.Max(current, amount), current)|} != current);
            """, "        {|#0:_bidder = bidder|};"), Expected());

    [Fact]
    public Task A_value_that_uses_no_argument_is_silent()
        => VerifyAsync(Lot(BreakLoop.Replace("{|#1:", "").Replace("|}", ""), "        _changed = DateTime.UtcNow;"));

    [Fact]
    public Task A_private_method_is_silent()
        => VerifyAsync(Lot(BreakLoop.Replace("{|#1:", "").Replace("|}", ""), "        _bidder = bidder;", modifier: "private"));

    [Fact]
    public Task A_gate_with_a_constant_comparand_is_silent()
        => VerifyAsync(Lot("""
                    if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
                    {
                        return false;
                    }
            """, """
                    _bidder = bidder;
                    Volatile.Write(ref _busy, 0);
            """));

    [Fact]
    public Task A_store_under_a_lock_after_the_loop_is_silent()
        => VerifyAsync(Lot(BreakLoop.Replace("{|#1:", "").Replace("|}", ""), "        lock (this) { _bidder = bidder; }"));
}
