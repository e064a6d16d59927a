using System;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blind62.RickshawHire.Receipts
{
    public sealed record FareReceipt(string ReceiptNo, string Rider, string Driver, double Kilometres, decimal Fare, DateTimeOffset EndedAt);

    public interface IFareRepository
    {
        FareReceipt? Find(string receiptNo);
    }

    /// <summary>
    /// Renders plain-text receipts for the kiosk printers and the rider app.
    /// </summary>
    public static class FareReceiptFormatter
    {
        private static readonly StringBuilder Buffer = new(512);
        private static readonly CultureInfo Gb = CultureInfo.GetCultureInfo("en-GB");

        public static string Format(FareReceipt receipt)
        {
            Buffer.Clear();
            Buffer.Append("PEDAL & GO RICKSHAWS").AppendLine();
            Buffer.Append("Receipt ").Append(receipt.ReceiptNo).AppendLine();
            Buffer.Append("Rider:  ").Append(receipt.Rider).AppendLine();
            Buffer.Append("Driver: ").Append(receipt.Driver).AppendLine();
            Buffer.Append("Distance: ").Append(receipt.Kilometres.ToString("0.0", Gb)).Append(" km").AppendLine();
            Buffer.Append("Fare: ").Append(receipt.Fare.ToString("C", Gb)).AppendLine();
            Buffer.Append(receipt.EndedAt.ToString("dd MMM yyyy HH:mm", Gb)).AppendLine();
            return Buffer.ToString();
        }
    }

    public static class ReceiptEndpoints
    {
        public static IEndpointRouteBuilder MapReceiptEndpoints(this IEndpointRouteBuilder app)
        {
            app.MapGet("/receipts/{receiptNo}", (string receiptNo, IFareRepository repository) =>
            {
                var receipt = repository.Find(receiptNo);
                return receipt is null
                    ? Results.NotFound()
                    : Results.Text(FareReceiptFormatter.Format(receipt), "text/plain");
            });

            app.MapPost("/receipts/{receiptNo}/print", (string receiptNo, IFareRepository repository) =>
            {
                var receipt = repository.Find(receiptNo);
                if (receipt is null)
                {
                    return Results.NotFound();
                }

                string text = FareReceiptFormatter.Format(receipt);
                return Results.Ok(new { receiptNo, lines = text.Split('\n').Length });
            });

            return app;
        }
    }
}
