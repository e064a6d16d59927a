namespace PawnCounter.Forfeits;

public sealed record PawnTicket(int Number, string Customer, decimal Principal, DateOnly DueDate, string ItemDescription);

public sealed record ForfeitNotice(int TicketNumber, string Customer, decimal AmountOwed, DateOnly LastRedemptionDay);

public interface INoticeSender
{
    Task SendAsync(ForfeitNotice notice, CancellationToken ct);
}

/// <summary>
/// Nightly run that finds overdue pawn tickets and mails forfeiture notices. The
/// notices are sent by four workers.
/// </summary>
public sealed class ForfeitNoticeRun
{
    private readonly INoticeSender _sender;

    public ForfeitNoticeRun(INoticeSender sender) => _sender = sender;

    public async Task<int> RunAsync(IReadOnlyList<PawnTicket> tickets, DateOnly today, CancellationToken ct)
    {
        // Monthly interest by months overdue, capped at the statutory maximum.
        var interestByMonth = new Dictionary<int, decimal>();
        for (int months = 0; months <= 12; months++)
            interestByMonth[months] = Math.Min(0.25m, 0.03m * months);

        var overdue = tickets.Where(t => t.DueDate < today).ToList();
        var notices = new ForfeitNotice[overdue.Count];

        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (int i = worker; i < overdue.Count; i += 4)
            {
                var ticket = overdue[i];
                int monthsLate = Math.Min(12, (today.DayNumber - ticket.DueDate.DayNumber) / 30);
                decimal owed = ticket.Principal * (1 + interestByMonth[monthsLate]);
                var notice = new ForfeitNotice(ticket.Number, ticket.Customer, Math.Round(owed, 2), today.AddDays(14));
                await _sender.SendAsync(notice, ct);
                notices[i] = notice;
            }
        }, ct)).ToArray();

        await Task.WhenAll(workers);

        int sent = 0;
        foreach (var notice in notices)
        {
            if (notice is not null)
                sent++;
        }
        return sent;
    }
}
