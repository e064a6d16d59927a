namespace VetClinic.Reminders;

public sealed record VaccinationDue(string ClinicId, string PetName, string OwnerPhone, string Vaccine, DateOnly DueOn);

/// <summary>
/// Ambient clinic identity for the current logical operation, used by the audit trail.
/// </summary>
public static class ClinicContext
{
    private static readonly AsyncLocal<string?> s_clinicId = new();

    public static string? ClinicId
    {
        get => s_clinicId.Value;
        set => s_clinicId.Value = value;
    }
}

public interface ISmsGateway
{
    Task SendAsync(string phone, string text, CancellationToken ct);
}

/// <summary>
/// Sends vaccination-due text messages for every clinic in the group. Clinics are
/// processed together; each keeps its own clinic identity for the audit trail.
/// </summary>
public sealed class VaccinationReminderRun
{
    private readonly ISmsGateway _sms;

    public VaccinationReminderRun(ISmsGateway sms) => _sms = sms;

    public async Task<IReadOnlyDictionary<string, int>> SendAllAsync(
        IReadOnlyDictionary<string, IReadOnlyList<VaccinationDue>> dueByClinic, CancellationToken ct)
    {
        var perClinic = await Task.WhenAll(dueByClinic.Select(async kv =>
        {
            ClinicContext.ClinicId = kv.Key;
            var sent = await SendForClinicAsync(kv.Value, ct);
            return (Clinic: kv.Key, Sent: sent);
        }));

        return perClinic.ToDictionary(x => x.Clinic, x => x.Sent);
    }

    private async Task<int> SendForClinicAsync(IReadOnlyList<VaccinationDue> due, CancellationToken ct)
    {
        var sent = 0;
        foreach (var item in due)
        {
            await _sms.SendAsync(item.OwnerPhone, $"{item.PetName} is due a {item.Vaccine} vaccination on {item.DueOn:d MMM}.", ct);
            Audit($"reminder sent for {item.PetName}");
            sent++;
        }
        return sent;
    }

    private static void Audit(string message) =>
        Console.WriteLine($"[{ClinicContext.ClinicId ?? "?"}] {message}");
}
