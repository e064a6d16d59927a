namespace Blind55.Clean.C23;

/// <summary>A shopfront sign layout being prepared for a proof render.</summary>
public sealed class SignProof
{
    public SignProof(string customer, int widthMm, int heightMm)
    {
        Customer = customer;
        WidthMm = widthMm;
        HeightMm = heightMm;
    }

    public string Customer { get; }
    public int WidthMm { get; }
    public int HeightMm { get; }
    public List<(string Text, string Font, int SizeMm)> Lines { get; } = new();
    public string BackgroundColour { get; set; } = "#FFFFFF";
    public string? Notes { get; set; }
}

public sealed record ProofImage(string Customer, byte[] Png, TimeSpan RenderTime);

public interface IProofRenderer
{
    ProofImage Render(SignProof proof);
}

/// <summary>
/// Builds proofs from the sign painter's order form and renders them off the request thread.
/// </summary>
public sealed class ProofDesk
{
    private readonly IProofRenderer _renderer;

    public ProofDesk(IProofRenderer renderer) => _renderer = renderer;

    public Task<ProofImage> StartProofAsync(string customer, string shopName, string tagline, bool goldLeaf)
    {
        var proof = new SignProof(customer, widthMm: 2400, heightMm: 600)
        {
            BackgroundColour = goldLeaf ? "#0B2A4A" : "#FFFFFF",
        };
        proof.Lines.Add((shopName.ToUpperInvariant(), "Clarendon", 220));
        if (!string.IsNullOrWhiteSpace(tagline))
        {
            proof.Lines.Add((tagline, "Script", 90));
        }

        return Task.Run(() => Finish(proof, goldLeaf));
    }

    private ProofImage Finish(SignProof proof, bool goldLeaf)
    {
        if (goldLeaf)
        {
            proof.Notes = "Gold leaf on lettering; allow two extra days.";
        }

        return _renderer.Render(proof);
    }

    public async Task<IReadOnlyList<ProofImage>> RenderAlternativesAsync(string customer, string shopName, IEnumerable<string> taglines)
    {
        var tasks = taglines.Select(t => StartProofAsync(customer, shopName, t, goldLeaf: false)).ToList();
        tasks.Add(StartProofAsync(customer, shopName, string.Empty, goldLeaf: true));
        return await Task.WhenAll(tasks);
    }
}
