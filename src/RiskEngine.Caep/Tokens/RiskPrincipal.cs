namespace RiskEngine.Caep.Tokens;

/// <summary>
/// The <c>principal</c> of a <c>risk-level-change</c>: the kind of entity whose risk changed. CAEP names the first
/// six; an application (a workload identity) is one of the other SSF subject members it allows.
/// </summary>
public enum RiskPrincipal
{
    User,
    Device,
    Session,
    Tenant,
    OrgUnit,
    Group,
    Application,
}
