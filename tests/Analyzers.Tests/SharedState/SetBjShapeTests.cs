using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// The shapes blind set bj (session 64) found missing, minimized (#9): a minimal-API endpoint whose handler, run by
/// every request at once, fills a static <c>StringBuilder</c> through a formatter it calls.
/// </summary>
public class SetBjShapeTests
{
    /// <summary>The endpoint-mapping call, matched by its name as the hosting package's is.</summary>
    private const string Endpoints = """

        namespace Microsoft.AspNetCore.Builder
        {
            public sealed class RouteBuilder { }

            public static class EndpointRouteBuilderExtensions
            {
                public static RouteBuilder MapGet(this RouteBuilder app, string pattern, System.Delegate handler) => app;
                public static RouteBuilder MapPost(this RouteBuilder app, string pattern, System.Delegate handler) => app;
            }
        }
        """;

    private static string Receipts(string format) => $$"""
        using System.Text;
        using Microsoft.AspNetCore.Builder;

        public sealed record FareReceipt(string ReceiptNo, string Rider, decimal Fare);

        public static class FareReceiptFormatter
        {
            private static readonly StringBuilder Buffer = new(512);

            public static string Format(FareReceipt receipt)
            {
        {{format}}
            }
        }

        public static class ReceiptEndpoints
        {
            public static RouteBuilder MapReceiptEndpoints(this RouteBuilder app)
            {
                {|#2:app.MapGet("/receipts/{receiptNo}", (string receiptNo) => FareReceiptFormatter.Format(new FareReceipt(receiptNo, "r", 1m)))|};
                return app;
            }
        }
        """ + Endpoints;

    /// <summary>Set bj R12: every request runs the handler; two at once clear and fill one builder.</summary>
    [Fact]
    public Task A_static_builder_filled_by_the_handler_of_a_minimal_API_endpoint_is_flagged()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Receipts("""
                    {|#0:Buffer.Clear()|};
                    {|#1:Buffer.Append("Receipt ")|}.Append(receipt.ReceiptNo).AppendLine();
                    return Buffer.ToString();
            """),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation(2)
                .WithArguments("Buffer", "StringBuilder", "Format", "'Format' runs on several threads (started at line 22)"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(1).WithLocation(2)
                .WithArguments("Buffer", "StringBuilder", "Format", "'Format' runs on several threads (started at line 22)"));

    /// <summary>A builder per call, or one that the formatter locks, is not shared by two requests at once.</summary>
    [Theory]
    [InlineData("var buffer = new StringBuilder(); buffer.Append(receipt.ReceiptNo); return buffer.ToString();")]
    [InlineData("lock (Buffer) { Buffer.Clear(); Buffer.Append(receipt.ReceiptNo); return Buffer.ToString(); }")]
    public Task A_builder_per_call_or_under_a_lock_is_silent(string format)
        => SharedStateSilence.VerifyNoRaceAsync(Receipts(format));
}
