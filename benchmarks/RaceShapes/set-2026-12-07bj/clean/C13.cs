using System;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Blind62.RickshawHire.Tickets
{
    public sealed record HireTicket(string TicketNo, string Rider, string Route, int Minutes, decimal Fare);

    public interface IHireTicketStore
    {
        HireTicket? Get(string ticketNo);
    }

    /// <summary>
    /// Formats hire tickets for the rider app. Keeps one cached builder per thread to
    /// avoid allocating on every request.
    /// </summary>
    public static class HireTicketFormatter
    {
        [ThreadStatic]
        private static StringBuilder? t_cached;

        private static readonly CultureInfo Gb = CultureInfo.GetCultureInfo("en-GB");

        public static string Format(HireTicket ticket)
        {
            var sb = Acquire();
            sb.Append("Ticket ").Append(ticket.TicketNo).AppendLine();
            sb.Append("Rider: ").Append(ticket.Rider).AppendLine();
            sb.Append("Route: ").Append(ticket.Route).AppendLine();
            sb.Append("Time: ").Append(ticket.Minutes).Append(" min").AppendLine();
            sb.Append("Fare: ").Append(ticket.Fare.ToString("C", Gb)).AppendLine();
            return Release(sb);
        }

        private static StringBuilder Acquire()
        {
            var sb = t_cached;
            if (sb is not null)
            {
                t_cached = null;
                sb.Clear();
                return sb;
            }

            return new StringBuilder(256);
        }

        private static string Release(StringBuilder sb)
        {
            string text = sb.ToString();
            if (sb.Capacity <= 1024)
            {
                t_cached = sb;
            }

            return text;
        }
    }

    public static class HireTicketEndpoints
    {
        public static IEndpointRouteBuilder MapHireTickets(this IEndpointRouteBuilder app)
        {
            app.MapGet("/tickets/{ticketNo}", (string ticketNo, IHireTicketStore store) =>
                store.Get(ticketNo) is { } ticket
                    ? Results.Text(HireTicketFormatter.Format(ticket), "text/plain")
                    : Results.NotFound());
            return app;
        }
    }
}
