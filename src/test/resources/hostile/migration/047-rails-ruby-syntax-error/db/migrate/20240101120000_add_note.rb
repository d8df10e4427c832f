class AddNote < ActiveRecord::Migration[7.1]
  def change
    add_column :accounts, :note, :text
  end
end
end
