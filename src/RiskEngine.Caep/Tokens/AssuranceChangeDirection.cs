namespace RiskEngine.Caep.Tokens;

/// <summary>The <c>change_direction</c> of an <c>assurance-level-change</c>.</summary>
public enum AssuranceChangeDirection
{
    Increase,
    Decrease,
}
