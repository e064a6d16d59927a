namespace CallCentre.Routing;

public sealed class AgentState
{
    public AgentState(string agentId, IReadOnlySet<string> skills)
    {
        AgentId = agentId;
        Skills = skills;
    }

    public string AgentId { get; }
    public IReadOnlySet<string> Skills { get; }
    public bool IsAvailable { get; set; } = true;
    public string? CurrentCallId { get; set; }
    public DateTime AvailableSince { get; set; } = DateTime.UtcNow;
}

/// <summary>
/// Routes incoming calls to the longest-idle agent with the matching skill.
/// Registered as a singleton; the telephony webhook calls <see cref="Route"/>
/// for every inbound call and the agent desktop calls <see cref="WrapUp"/>.
/// </summary>
public sealed class LongestIdleRouter
{
    private readonly object _sync = new();
    private readonly List<AgentState> _agents = new();

    public void SignIn(AgentState agent)
    {
        lock (_sync)
        {
            _agents.Add(agent);
        }
    }

    public string? Route(string callId, string requiredSkill)
    {
        AgentState? chosen;
        lock (_sync)
        {
            chosen = _agents
                .Where(a => a.IsAvailable && a.Skills.Contains(requiredSkill))
                .OrderBy(a => a.AvailableSince)
                .FirstOrDefault();
        }

        if (chosen is null)
        {
            return null;
        }

        chosen.IsAvailable = false;
        chosen.CurrentCallId = callId;
        return chosen.AgentId;
    }

    public void WrapUp(string agentId)
    {
        lock (_sync)
        {
            var agent = _agents.FirstOrDefault(a => a.AgentId == agentId);
            if (agent is null)
            {
                return;
            }

            agent.CurrentCallId = null;
            agent.AvailableSince = DateTime.UtcNow;
            agent.IsAvailable = true;
        }
    }

    public int AvailableCount(string skill)
    {
        lock (_sync)
        {
            return _agents.Count(a => a.IsAvailable && a.Skills.Contains(skill));
        }
    }
}
