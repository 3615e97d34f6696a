package sqlstore

// Associated data of the roll's sealed columns, as Store.ImportRoll (branch
// rolls) seals them. This file goes when that branch is merged.
const (
	adRollAddress = "roll_households.address"
	adRollName    = "roll_members.name"
	adRollID      = "roll_members.id_number"
)
