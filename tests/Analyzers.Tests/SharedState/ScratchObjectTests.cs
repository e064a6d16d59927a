using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// An object a type makes for itself and keeps in a <c>readonly</c> field, filled anew by every call (a "scratch"
/// object kept to save an allocation): in a type whose members run concurrently, callers at once fill the one object
/// and read each other's numbers (set ag R10). Told once per member, at its first store, with no fix: a lock around
/// one store would leave the other stores and the reads outside it.
/// </summary>
public class ScratchObjectTests
{
    private static string Quotes(string doc, string body) => $$"""
        using System;

        /// <summary>{{doc}}</summary>
        public sealed class RentalQuoteService
        {
            private readonly object _gate = new();
            private readonly QuoteBreakdown _scratch = new();

            public string Quote(decimal rate, int hours, bool member)
            {
                {{body}}
            }

            private sealed class QuoteBreakdown
            {
                public decimal Base;
                public decimal Discount;
                public decimal Total { get; set; }
            }
        }
        """;

    private const string Fill = """
                _scratch.Base = rate * hours;
                _scratch.Discount = member ? _scratch.Base / 10 : 0m;
                _scratch.Total = _scratch.Base - _scratch.Discount;
                return $"{_scratch.Base} - {_scratch.Discount} = {_scratch.Total}";
        """;

    [Fact]
    public Task A_scratch_object_filled_by_every_call_of_a_shared_type_is_flagged_once_per_member()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Quotes("Builds price quotes; shared by every request of the booking site.", Fill.Replace("_scratch.Base = rate * hours", "{|#0:_scratch.Base = rate * hours|}"))
                .Replace("public sealed class RentalQuoteService", "public sealed class {|#1:RentalQuoteService|}"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_scratch.Base", "Quote", "'Quote' may run on several threads at once: 'RentalQuoteService' is documented as shared (\"shared by\")"));

    /// <summary>A lock around the one store would leave the others and the reads outside it: no fix is offered.</summary>
    [Fact]
    public Task A_scratch_object_store_is_offered_no_lock_fix()
    {
        var source = Quotes("Builds price quotes; shared by every request of the booking site.", Fill.Replace("_scratch.Base = rate * hours", "{|#0:_scratch.Base = rate * hours|}"))
            .Replace("public sealed class RentalQuoteService", "public sealed class {|#1:RentalQuoteService|}");
        return CSharpCodeFixVerifier<SharedStateMutationAnalyzer, Forklift.CodeFixes.SharedState.SharedStateMutationCodeFix>.VerifyCodeFixAsync(
            source,
            [CSharpCodeFixVerifier<SharedStateMutationAnalyzer, Forklift.CodeFixes.SharedState.SharedStateMutationCodeFix>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_scratch.Base", "Quote", "'Quote' may run on several threads at once: 'RentalQuoteService' is documented as shared (\"shared by\")")],
            source);
    }

    [Fact]
    public Task A_scratch_object_used_under_the_type_lock_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Quotes(
            "Builds price quotes; shared by every request of the booking site.",
            "lock (_gate) {" + Fill + "}"));

    [Fact]
    public Task A_scratch_object_of_a_type_that_declares_nothing_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Quotes("Builds price quotes.", Fill));
}
